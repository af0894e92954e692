// Line patterns the layout stage recognises: page artifacts, captions, sentence ends (rules as data).

/** Page numbers and footers on a line of their own: `— 17 —`, `- 3 -`, `— II —` (front matter), `第 5 页`, `第5页 共30页`. */
export const PAGE_NUMBER_PATTERNS: readonly RegExp[] = [
  /^[—–\-－]{1,2}\s*\d{1,4}\s*[—–\-－]{1,2}$/,
  /^[—–\-－]{1,2}\s*(?:[IVXLC]{1,7}|[ivxlc]{1,7}|[\u2160-\u217f]{1,3})\s*[—–\-－]{1,2}$/,
  /^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
];

/** A web address alone on a line: scraping residue, never content. */
export const URL_LINE = /^(?:https?:\/\/|www\.)\S+$/i;

/** A file name alone on a line (a Word header/footer that leaked into the text), e.g. `…纲要——刘鹏20201022-3.doc`. */
export const FILE_NAME_LINE = /^[^。，；：！？]{1,80}\.(?:docx?|wps|pdf|xlsx?)$/i;

/** Captions of boxes and tables: `专栏1`, `专栏 3-1`, `专栏11—3`, `专栏三`, `表1`, `附表2`. */
export const CAPTION = /^(?:专栏|附表|表)\s*[\d一二三四五六七八九十]+(?:\s*[-—－–.]\s*\d+)?(?=\s|[^\d]|$)/;

/** Characters that end a sentence or clause at a line end, so the next line starts fresh. */
export const TERMINAL_PUNCTUATION = /[。！？；!?;：:]["”’』」）)]?$/;

/** Any sentence punctuation: a heading title has none of these. */
export const SENTENCE_PUNCTUATION = /[。；！？!?;]/;
