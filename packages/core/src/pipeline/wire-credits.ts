/**
 * Wire agencies and how copies credit them: a dateline credit ("SEOUL, Oct 18 (Yonhap) --",
 * "(Reuters) -", "KYIV (AP) —") or a closing credit ("— AFP", "Source: Reuters"). A credit is a
 * signal, not proof: it says the text came from the agency, so two copies crediting the same
 * agency need less shared text to count as one origin, and a credited copy can be linked to the
 * agency even when the agency's own story is not in the workspace.
 */
export interface WireAgency {
  name: string;
  /** The agency's own domain: a document from it is the agency's original. */
  domain: string;
  /** Spellings used in credits, matched as whole words, case-sensitively. */
  credits: string[];
}

export const WIRE_AGENCIES: readonly WireAgency[] = [
  { name: 'Reuters', domain: 'reuters.com', credits: ['Reuters'] },
  { name: 'Associated Press', domain: 'apnews.com', credits: ['AP', 'Associated Press'] },
  { name: 'Agence France-Presse', domain: 'afp.com', credits: ['AFP', 'Agence France-Presse'] },
  { name: 'Yonhap', domain: 'yna.co.kr', credits: ['Yonhap'] },
  { name: 'TASS', domain: 'tass.com', credits: ['TASS'] },
  { name: 'RIA Novosti', domain: 'ria.ru', credits: ['RIA Novosti', 'RIA'] },
  { name: 'Interfax', domain: 'interfax.com', credits: ['Interfax'] },
  { name: 'Xinhua', domain: 'xinhuanet.com', credits: ['Xinhua'] },
  { name: 'Kyodo News', domain: 'kyodonews.net', credits: ['Kyodo'] },
  { name: 'Deutsche Presse-Agentur', domain: 'dpa.com', credits: ['dpa', 'DPA'] },
  { name: 'ANSA', domain: 'ansa.it', credits: ['ANSA'] },
  { name: 'EFE', domain: 'efe.com', credits: ['EFE'] },
  { name: 'Ukrinform', domain: 'ukrinform.net', credits: ['Ukrinform'] },
  { name: 'UNIAN', domain: 'unian.info', credits: ['UNIAN'] },
  { name: 'Anadolu Agency', domain: 'aa.com.tr', credits: ['Anadolu'] },
  { name: 'Press Trust of India', domain: 'ptinews.com', credits: ['PTI'] },
  { name: 'Korean Central News Agency', domain: 'kcna.kp', credits: ['KCNA'] },
  { name: 'Bloomberg', domain: 'bloomberg.com', credits: ['Bloomberg'] },
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const ALTERNATIVES = WIRE_AGENCIES.flatMap((a) => a.credits.map((c) => ({ agency: a, credit: c }))).sort(
  (x, y) => y.credit.length - x.credit.length,
);
const CREDIT = ALTERNATIVES.map((a) => escapeRegExp(a.credit)).join('|');
// "(Reuters) -", "(AP) —", "SEOUL, Oct. 18 (Yonhap) --": a parenthesised credit followed by a dash.
const DATELINE = new RegExp(`\\((${CREDIT})\\)\\s*(?:-{1,2}|–|—)`);
// "— AFP", "-- Reuters", "Source: Reuters", "(Reporting by … ; Reuters)" at the very end.
const CLOSING = new RegExp(
  `(?:(?:^|\\s)(?:-{1,2}|–|—)\\s*|Source:\\s*|\\bcontributed to this report\\.?\\s*)(${CREDIT})\\.?\\s*$`,
);

/** The agency a text credits in its opening (dateline) or closing lines, if any. */
export function detectWireCredit(text: string): WireAgency | null {
  const found = DATELINE.exec(text.slice(0, 400))?.[1] ?? CLOSING.exec(text.slice(-200).trimEnd())?.[1];
  if (!found) return null;
  return ALTERNATIVES.find((a) => a.credit === found)?.agency ?? null;
}

/** The agency whose own site a domain is (`www.reuters.com` → Reuters). */
export function wireAgencyOfDomain(domain: string | null): WireAgency | null {
  if (!domain) return null;
  const d = domain.toLowerCase().replace(/^www\./, '');
  return WIRE_AGENCIES.find((a) => d === a.domain || d.endsWith(`.${a.domain}`)) ?? null;
}
