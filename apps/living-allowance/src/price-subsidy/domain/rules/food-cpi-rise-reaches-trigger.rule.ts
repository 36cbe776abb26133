import { riseReachesTriggerRule } from './reaches-trigger';

/**
 * 发改价格〔2021〕1553号: the food component of the CPI rising by at least its trigger (national 6 %)
 * starts the mechanism on its own — food is the larger share of a poor household's spending, so a
 * food-price spike counts even while the headline CPI stays low.
 */
export const foodCpiRiseReachesTrigger = riseReachesTriggerRule('PRICE_SUBSIDY.FOOD_CPI_RISE_REACHES_TRIGGER', 'food_cpi');
