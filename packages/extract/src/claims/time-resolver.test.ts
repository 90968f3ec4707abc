import { describe, expect, it } from 'vitest';
import { TimeResolver } from './time-resolver.ts';

const resolver = new TimeResolver();
// Tuesday 5 November 2024.
const ref = new Date('2024-11-05T12:00:00Z');
const spans = (text: string) => resolver.resolve(text, 0, ref).map((m) => m.span);
const day = (d: string) => ({ start: d, end: d, precision: 'day' });

describe('TimeResolver', () => {
  it('reads plain calendar dates to the day, with the year nearest the document when none is given', () => {
    expect(spans('The minister arrived in Seoul on 16 October 2024 to announce sanctions.')).toEqual([
      day('2024-10-16'),
    ]);
    expect(spans('NATO said on Monday, 28 October 2024, that units had moved.')).toEqual([day('2024-10-28')]);
    expect(spans('On Oct. 23 the agency said troops had arrived.')).toEqual([day('2024-10-23')]);
    // "Month DD" is a day, not a month of a two-digit year.
    expect(spans('On September 29, the president offered talks.')).toEqual([day('2024-09-29')]);
    expect(spans('Elections are set for January 28.')).toEqual([day('2025-01-28')]);
    // Counts are not days: "about 11,000 troops" leaves "on 18 October" a plain date.
    expect(spans('Budanov said on 18 October that about 11,000 troops had arrived.')).toEqual([day('2024-10-18')]);
    expect(spans('The report dated 2024-10-30 was published.')).toEqual([day('2024-10-30')]);
  });

  it('keeps a month a month, and reads no month into a verb', () => {
    expect(spans('The treaty was signed in June.')).toEqual([
      { start: '2024-06-01', end: '2024-06-30', precision: 'month' },
    ]);
    expect(spans('In March 2024 the council vetoed the resolution.')).toEqual([
      { start: '2024-03-01', end: '2024-03-31', precision: 'month' },
    ]);
    expect(spans('Protesters march on the capital.')).toEqual([]);
    expect(spans('Troops may move north.')).toEqual([]);
  });

  it('reads "since" a date as the time from that date to the report', () => {
    const since = (start: string) => ({ start, end: '2024-11-05', precision: 'range' });
    expect(spans('More than 300 soldiers have been killed since 2022.')).toEqual([since('2022-01-01')]);
    expect(spans('Troops have been deployed there since October.')).toEqual([since('2024-10-01')]);
    expect(spans('The army has shelled the town since 3 October.')).toEqual([since('2024-10-03')]);
    // No "since": the date alone.
    expect(spans('The army shelled the town on 3 October.')).toEqual([day('2024-10-03')]);
  });

  it('reads a date without a year as past unless the sentence speaks of the future', () => {
    // Nearest to this early-November reference, May would be next May; troops that were deployed went last May.
    expect(spans('The troops were deployed in May.')).toEqual([
      { start: '2024-05-01', end: '2024-05-31', precision: 'month' },
    ]);
    expect(spans('The troops will be deployed in May.')).toEqual([
      { start: '2025-05-01', end: '2025-05-31', precision: 'month' },
    ]);
    // Within a month ahead the nearest year stands.
    expect(spans('The summit opened on 3 December.')).toEqual([day('2024-12-03')]);
  });

  it('leaves ranges and relative dates to the full reader', () => {
    expect(spans('Vessels carried troops from 8 to 13 October 2024.')).toEqual([
      { start: '2024-10-08', end: '2024-10-13', precision: 'range' },
    ]);
    expect(spans('The ministers met on Tuesday to discuss the border.')).toEqual([day('2024-11-05')]);
    expect(spans('The ministers met last Tuesday.')).toEqual([day('2024-10-29')]);
  });
});
