// Finds the article of a web page: the smallest element that holds nearly all of the page's own (non-link) text.
// Government pages wrap one article in navigation, breadcrumbs, share buttons, related links and footers; those are
// mostly link text or short lines, so the article container is where the page's plain text concentrates.

/** Share of an element's text its largest child must hold for the article to be sought inside that child. */
const ARTICLE_SHARE = 2 / 3;
/** A text block this long (non-link characters) is a paragraph of the article: no sibling holding one is cut off. */
const PARAGRAPH_CHARS = 100;
/** Filled table cells that make a data table (3 rows of 2): a sibling holding one is content, not chrome. */
const TABLE_CELLS = 6;
/** An element whose longest block holds this share of its text is one paragraph: the article is around it. */
const ONE_BLOCK_SHARE = 0.9;
/** How many block levels above the article container its headline `<h1>` may sit (title, then date and source). */
const HEADLINE_REACH = 3;

/** Flags of an element that matter for finding the article (inline wrappers such as <font> have none). */
export const ElementKind = { Block: 1, Table: 2, Headline: 4 } as const;

/** Per-element statistics gathered while the page streams by; element 0 is the document itself. */
export class ElementStats {
  /** Typed columns grown by doubling: a hostile page opens 100k elements, plain arrays would churn the collector. */
  private size = 1;
  parent = new Int32Array(64);
  /** Last element id inside each element (its descendants are the ids after it up to this one). */
  end = new Int32Array(64);
  /** Non-link, non-space characters of the element's own text (its subtree's once `totals()` has run). */
  text = new Float64Array(64);
  /** Longest text block (line or cell) owned by the element (in its subtree after `totals()`). */
  longest = new Float64Array(64);
  /** Table cells with non-link text (in the subtree after `totals()`). */
  cells = new Int32Array(64);
  /** What each element is, as ElementKind flags. */
  kind = new Uint8Array(64);
  private ownLongest = new Float64Array(0);

  constructor() {
    this.parent[0] = -1;
    this.kind[0] = ElementKind.Block;
  }

  open(parent: number, kind: number): number {
    if (this.size === this.parent.length) this.grow();
    const id = this.size++;
    this.parent[id] = parent;
    this.end[id] = id;
    this.kind[id] = kind;
    return id;
  }

  close(id: number): void {
    this.end[id] = this.size - 1;
  }

  addText(id: number, chars: number): void {
    this.text[id]! += chars;
  }

  addBlock(id: number, chars: number): void {
    if (chars > this.longest[id]!) this.longest[id] = chars;
  }

  addCell(id: number): void {
    this.cells[id]! += 1;
  }

  /** Sums text and longest blocks up the tree (children always have larger ids than their parents). */
  totals(): void {
    this.end[0] = this.size - 1;
    this.ownLongest = this.longest.slice(0, this.size);
    for (let id = this.size - 1; id > 0; id--) {
      const p = this.parent[id]!;
      this.text[p]! += this.text[id]!;
      this.cells[p]! += this.cells[id]!;
      if (this.longest[id]! > this.longest[p]!) this.longest[p] = this.longest[id]!;
    }
  }

  /**
   * Where the article is: its container (0 for the whole page), the last element id inside it, and its headline when
   * the headline sits outside the container (the elements from there to the container hold its date and source).
   */
  findArticle(): { article: number; last: number; headline: number } {
    this.totals();
    let article = 0;
    for (;;) {
      // Children in order: the first is the next id, each next one follows the previous one's subtree.
      let best = -1;
      let besideLongest = this.ownLongest[article]!;
      for (let kid = article + 1; kid <= this.end[article]!; kid = this.end[kid]! + 1) {
        if (best < 0 || this.text[kid]! > this.text[best]!) {
          if (best >= 0) besideLongest = Math.max(besideLongest, this.longest[best]!);
          best = kid;
        } else besideLongest = Math.max(besideLongest, this.longest[kid]!);
      }
      if (best < 0 || !this.mayHoldArticle(best) || this.text[best]! < ARTICLE_SHARE * this.text[article]!)
        break;
      // A paragraph or a data table beside the largest child means the article spans several children.
      const besideCells = this.cells[article]! - this.cells[best]!;
      if (besideLongest >= PARAGRAPH_CHARS || besideCells >= TABLE_CELLS) break;
      article = best;
    }
    return { article, last: this.end[article]!, headline: this.headlineBefore(article) ?? article };
  }

  private grow(): void {
    const n = this.parent.length * 2;
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.parent = grown(this.parent, (k) => new Int32Array(k));
    this.end = grown(this.end, (k) => new Int32Array(k));
    this.text = grown(this.text, (k) => new Float64Array(k));
    this.longest = grown(this.longest, (k) => new Float64Array(k));
    this.cells = grown(this.cells, (k) => new Int32Array(k));
    this.kind = grown(this.kind, (k) => new Uint8Array(k));
  }

  /** An element the article may lie inside: not a single paragraph, not a data table (its caption stands outside). */
  private mayHoldArticle(id: number): boolean {
    const text = this.text[id]!;
    if (text === 0 || this.longest[id]! >= ONE_BLOCK_SHARE * text) return false;
    const dataTable = this.cells[id]! >= TABLE_CELLS && this.longest[id]! < PARAGRAPH_CHARS;
    return !(dataTable && this.kind[id]! & ElementKind.Table);
  }

  /** The last `<h1>` with text before the article, within a few levels above it, when the article has none. */
  private headlineBefore(article: number): number | undefined {
    if (article === 0) return undefined;
    for (let id = article + 1; id <= this.end[article]!; id++) {
      if (this.kind[id]! & ElementKind.Headline && this.text[id]! > 0) return undefined;
    }
    let scope = article;
    for (let k = 0; k < HEADLINE_REACH && this.parent[scope]! > 0;) {
      scope = this.parent[scope]!;
      if (this.kind[scope]! & ElementKind.Block) k++;
    }
    for (let id = article - 1; id > scope; id--) {
      if (this.kind[id]! & ElementKind.Headline && this.text[id]! > 0 && this.end[id]! < article) return id;
    }
    return undefined;
  }
}

/** Characters that count as text: anything but whitespace (ASCII, NBSP, ideographic space). */
export function visibleChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c !== 0xa0 && c !== 0x3000 && c !== 0xfeff) n++;
  }
  return n;
}
