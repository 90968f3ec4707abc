/**
 * Nouns naming a report whose content follows it ("reports that …", "claims by X that …", "reports
 * of a troop deployment"). Reported speech reads a that-clause after one as the report's content; the
 * event coder reads an event noun in its "of" phrase the same way.
 */
export const REPORT_NOUN =
  /^(reports?|suggestions?|claims?|rumou?rs?|allegations?|accusations?|assertions?|speculation|assessments?|statements?|stories|story)$/;
