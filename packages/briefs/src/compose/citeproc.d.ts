// citeproc-js ships CommonJS without types; this is the part of its API the composer uses.
declare module 'citeproc' {
  interface CitationItem {
    id: string;
    locator?: string;
    label?: string;
    prefix?: string;
    suffix?: string;
  }
  interface Citation {
    citationID?: string;
    citationItems: CitationItem[];
    properties: { noteIndex: number };
  }
  class Engine {
    constructor(
      sys: { retrieveLocale(lang: string): string; retrieveItem(id: string): unknown },
      style: string,
      lang?: string,
    );
    setOutputFormat(format: 'html' | 'text' | 'rtf'): void;
    updateItems(ids: string[]): void;
    processCitationCluster(
      citation: Citation,
      before: [string, number][],
      after: [string, number][],
    ): [{ bibchange: boolean; citation_errors: unknown[] }, [number, string, string][]];
    makeBibliography(): false | [{ entry_ids: string[][] }, string[]];
  }
  const CSL: { Engine: typeof Engine };
  export default CSL;
}
