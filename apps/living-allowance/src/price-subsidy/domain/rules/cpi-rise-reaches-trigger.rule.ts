import { riseReachesTriggerRule } from './reaches-trigger';

/**
 * 发改价格〔2021〕1553号: the mechanism starts when the CPI rises by at least the trigger (national
 * 3.5 %; lower where a province says so) over the same month of the previous year.
 */
export const cpiRiseReachesTrigger = riseReachesTriggerRule('PRICE_SUBSIDY.CPI_RISE_REACHES_TRIGGER', 'cpi');
