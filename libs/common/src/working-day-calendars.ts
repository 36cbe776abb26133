import { LocalDate } from './local-date';
import { WorkingDayCalendar } from './working-days';

/**
 * The national working-day calendar, transcribed from the State Council General Office notices.
 * One array entry per day of each arrangement, in the order of the notice, so the data can be read
 * against the notice line by line.
 *
 * From 2025 the rules changed: the amendment of 全国年节及纪念日放假办法 (November 2024) added two
 * public holidays, one to the Spring Festival (now from New Year's Eve, 除夕) and one to Labour Day
 * (now 5 May as well), so arrangements before 2025 must not be used as a pattern.
 *
 * Coverage ends on 2026-12-31 because no notice for 2027 has been published (checked when this file
 * was written); dates for 2027 are deliberately not guessed. Note that a year's notice can also
 * rearrange the last days of the previous December — the 2019 notice made Saturday 2018-12-29 a
 * working day and Monday 2018-12-31 a holiday — so when the 2027 notice is published, check it for
 * late-December 2026 days and publish a new calendar (new id) that extends coversTo.
 */

const SOURCE_2025 =
  '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）';
const SOURCE_2026 =
  '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）';

const HOLIDAYS_2025: readonly LocalDate[] = [
  // 一、元旦：1月1日（周三）放假1天，不调休。
  '2025-01-01',
  // 二、春节：1月28日（除夕、周二）至2月4日（正月初七、周二）放假调休，共8天。
  '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
  // 三、清明节：4月4日（周五）至6日（周日）放假，共3天。
  '2025-04-04', '2025-04-05', '2025-04-06',
  // 四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。
  '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05',
  // 五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
  '2025-05-31', '2025-06-01', '2025-06-02',
  // 六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。
  '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
];

const ADJUSTED_WORKING_DAYS_2025: readonly LocalDate[] = [
  '2025-01-26', // 春节：1月26日（周日）上班
  '2025-02-08', // 春节：2月8日（周六）上班
  '2025-04-27', // 劳动节：4月27日（周日）上班
  '2025-09-28', // 国庆节、中秋节：9月28日（周日）上班
  '2025-10-11', // 国庆节、中秋节：10月11日（周六）上班
];

const HOLIDAYS_2026: readonly LocalDate[] = [
  // 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。
  '2026-01-01', '2026-01-02', '2026-01-03',
  // 二、春节：2月15日（腊月二十八、周日）至23日（正月初七、周一）放假调休，共9天。
  '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
  // 三、清明节：4月4日（周六）至6日（周一）放假，共3天。
  '2026-04-04', '2026-04-05', '2026-04-06',
  // 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。
  '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
  // 五、端午节：6月19日（周五）至21日（周日）放假，共3天。
  '2026-06-19', '2026-06-20', '2026-06-21',
  // 六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
  '2026-09-25', '2026-09-26', '2026-09-27',
  // 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。
  '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
];

const ADJUSTED_WORKING_DAYS_2026: readonly LocalDate[] = [
  '2026-01-04', // 元旦：1月4日（周日）上班
  '2026-02-14', // 春节：2月14日（周六）上班
  '2026-02-28', // 春节：2月28日（周六）上班
  '2026-05-09', // 劳动节：5月9日（周六）上班
  '2026-09-20', // 国庆节：9月20日（周日）上班
  '2026-10-10', // 国庆节：10月10日（周六）上班
];

/** National holidays and 调休 for 2025-01-01 to 2026-12-31 (see the note at the top of the file). */
export const CHINA_CALENDAR_2025_2026: WorkingDayCalendar = Object.freeze({
  id: 'CN-STATE-COUNCIL-2025-2026',
  legalSource: `${SOURCE_2025}；${SOURCE_2026}`,
  holidays: Object.freeze([...HOLIDAYS_2025, ...HOLIDAYS_2026]),
  adjustedWorkingDays: Object.freeze([...ADJUSTED_WORKING_DAYS_2025, ...ADJUSTED_WORKING_DAYS_2026]),
  coversFrom: '2025-01-01',
  coversTo: '2026-12-31',
});

/**
 * @deprecated The name asked for 2025–2027, but 2027 is not published: this is the same calendar as
 * CHINA_CALENDAR_2025_2026 and ends on 2026-12-31. Use CHINA_CALENDAR_2025_2026.
 */
export const CHINA_CALENDAR_2025_2027: WorkingDayCalendar = CHINA_CALENDAR_2025_2026;
