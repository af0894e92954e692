// The report as one self-contained HTML page (the web preview, and the page Chromium prints to PDF).
import type { Diagnostic } from '../diagnostics.js';
import { chartSvg } from './charts.js';
import type { Block, Cell, ReportModel, Run } from './model.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function noteRef(n: number | undefined): string {
  return n === undefined ? '' : `<sup class="note"><a href="#note-${n}" id="ref-${n}">${n}</a></sup>`;
}

function runsHtml(runs: readonly Run[]): string {
  return runs
    .map((r) => `${r.bold ? `<strong>${escapeHtml(r.text)}</strong>` : escapeHtml(r.text)}${noteRef(r.note)}`)
    .join('');
}

function cellHtml(cell: Cell, tag: 'td' | 'th'): string {
  return `<${tag}>${escapeHtml(cell.text)}${noteRef(cell.note)}</${tag}>`;
}

function blockHtml(block: Block, diagnostics: Diagnostic[]): string {
  switch (block.type) {
    case 'heading':
      return `<h${block.level + 1}>${escapeHtml(block.text)}</h${block.level + 1}>`;
    case 'paragraph':
      return `<p>${runsHtml(block.runs)}</p>`;
    case 'table':
      return (
        `<table><caption>${escapeHtml(block.caption)}</caption>` +
        `<thead><tr>${block.columns.map((c) => cellHtml({ text: c }, 'th')).join('')}</tr></thead>` +
        `<tbody>${block.rows.map((r) => `<tr>${r.map((c) => cellHtml(c, 'td')).join('')}</tr>`).join('')}</tbody></table>`
      );
    case 'chart': {
      let svg: string;
      try {
        svg = chartSvg(block.chart);
      } catch (error) {
        // A chart that fails to draw costs the picture, never the report.
        diagnostics.push({
          severity: 'warning',
          code: 'report/chart-failed',
          message: `图表“${block.chart.title}”未能生成 / chart "${block.chart.id}" failed: ${String(error)}`,
        });
        svg = '';
      }
      return `<figure data-chart="${escapeHtml(block.chart.id)}">${svg}<figcaption>图：${escapeHtml(block.chart.title)}</figcaption></figure>`;
    }
  }
}

/** Screen and print styles after the 公文 layout (fonts named with common fallbacks). */
const STYLE = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-center { content: "— " counter(page) " —"; } }
body { font-family: "仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt;
  line-height: 28pt; max-width: 156mm; margin: 2em auto; color: #000; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STZhongsong", "Noto Serif CJK SC", serif;
  font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; }
.subtitle { text-align: center; font-family: "楷体_GB2312", "KaiTi", "STKaiti", serif; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
h3 { font-family: "楷体_GB2312", "KaiTi", "STKaiti", serif; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
p { text-indent: 2em; margin: 0; text-align: justify; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 1.4; margin: 0.5em 0 1em; }
caption { font-family: "黑体", "SimHei", sans-serif; font-size: 12pt; padding: 0.3em; }
th, td { border: 1px solid #000; padding: 2px 4px; text-align: center; }
thead { display: table-header-group; }
tr, caption, h2, h3 { break-inside: avoid; break-after: avoid-page; }
tr { break-after: auto; }
th { font-family: "黑体", "SimHei", sans-serif; font-weight: normal; }
figure { text-align: center; margin: 1em 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-family: "楷体_GB2312", "KaiTi", serif; font-size: 12pt; }
sup.note { font-size: 8pt; line-height: 0; }
ol.notes { font-size: 9pt; line-height: 1.5; }
`;

/** A complete HTML document of the report, charts inline as SVG, footnotes at the end. */
export function renderHtml(model: ReportModel, diagnostics: Diagnostic[] = []): string {
  const body = model.blocks.map((b) => blockHtml(b, diagnostics)).join('\n');
  const notes = model.footnotes
    .map((f) => `<li id="note-${f.n}">${escapeHtml(f.text)} <a href="#ref-${f.n}">↩</a></li>`)
    .join('');
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(model.title)}</title>` +
    `<style>${STYLE}</style></head><body><article class="lantu-report" data-kind="${model.kind}" data-year="${model.year}">` +
    `<h1>${escapeHtml(model.title)}</h1><p class="subtitle">${escapeHtml(model.subtitle)}</p>\n${body}\n` +
    `<section class="footnotes"><h2>注释</h2><ol class="notes">${notes}</ol></section></article></body></html>`
  );
}
