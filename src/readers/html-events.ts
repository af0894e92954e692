// Balanced open/close/text events for an HTML string, in linear time even for hostile nesting (100k open tags).
// htmlparser2's Parser keeps its element stack with Array#unshift (quadratic in depth), so we drive its Tokenizer
// ourselves with a push/pop stack and the same implied-close rules.
import { Tokenizer } from 'htmlparser2';

export interface HtmlHandler {
  onopentag(name: string, attribs: Record<string, string>): void;
  /** Called once for every opened element, implied closes and end of input included. */
  onclosetag(name: string): void;
  ontext(text: string): void;
}

const P = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
/** Start tags that close the open element on top of the stack when it is one of these (htmlparser2's rules). */
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th', 'td'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['p', P],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h): [string, Set<string>] => [h, HEADINGS]),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t): [string, Set<string>] => [
    t,
    FORM,
  ]),
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ...[
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((t): [string, Set<string>] => [t, P]),
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
]);
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Tokenizes `html` and reports balanced element events to `handler`. */
export function parseHtml(html: string, handler: HtmlHandler): void {
  const stack: string[] = [];
  /** How many elements of each name are open, so a stray end tag costs nothing. */
  const openCount = new Map<string, number>();
  let tagName = '';
  let attribs: Record<string, string> = {};
  let attribName = '';
  let attribValue = '';

  const push = (name: string): void => {
    stack.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };
  const pop = (): void => {
    const name = stack.pop()!;
    openCount.set(name, openCount.get(name)! - 1);
    handler.onclosetag(name);
  };
  const openTag = (name: string, attrs: Record<string, string>): void => {
    const implied = OPEN_IMPLIES_CLOSE.get(name);
    if (implied) while (stack.length > 0 && implied.has(stack[stack.length - 1]!)) pop();
    handler.onopentag(name, attrs);
    if (VOID_ELEMENTS.has(name)) handler.onclosetag(name);
    else push(name);
  };

  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      ontext: (start, end) => handler.ontext(html.slice(start, end)),
      ontextentity: (codepoint) => handler.ontext(String.fromCodePoint(codepoint)),
      onopentagname: (start, end) => {
        tagName = html.slice(start, end).toLowerCase();
        attribs = {};
      },
      onattribname: (start, end) => {
        attribName = html.slice(start, end).toLowerCase();
        attribValue = '';
      },
      onattribdata: (start, end) => {
        attribValue += html.slice(start, end);
      },
      onattribentity: (codepoint) => {
        attribValue += String.fromCodePoint(codepoint);
      },
      onattribend: () => {
        if (!Object.hasOwn(attribs, attribName)) attribs[attribName] = attribValue;
        attribValue = '';
      },
      onopentagend: () => openTag(tagName, attribs),
      onselfclosingtag: () => openTag(tagName, attribs),
      onclosetag: (start, end) => {
        const name = html.slice(start, end).toLowerCase();
        if (VOID_ELEMENTS.has(name)) {
          if (name === 'br') openTag('br', {});
          return;
        }
        if ((openCount.get(name) ?? 0) > 0) {
          while (stack[stack.length - 1] !== name) pop();
          pop();
        } else if (name === 'p') {
          // A stray </p> is an empty paragraph, as browsers read it.
          openTag('p', {});
          pop();
        }
      },
      oncdata: () => undefined,
      oncomment: () => undefined,
      ondeclaration: () => undefined,
      onprocessinginstruction: () => undefined,
      onend: () => {
        while (stack.length > 0) pop();
      },
    },
  );
  tokenizer.write(html);
  tokenizer.end();
}
