// Report charts on the server: ECharts' SSR SVG renderer, then PNG through resvg with a CJK font found at run time.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { Diagnostic } from '../diagnostics.js';
import type { ChartSpec } from './model.js';

export interface RenderedChart {
  svg: string;
  /** PNG at twice the size, for Word processors that do not show SVG. */
  png: Uint8Array;
  width: number;
  height: number;
}

/** Where CJK fonts live on common systems (Debian/Ubuntu fonts-noto-cjk and wqy, macOS, Windows). */
const KNOWN_CJK_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/STHeiti Light.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
  'C:\\Windows\\Fonts\\simhei.ttf',
];

interface FoundFont {
  file: string | null;
  /** Without a CJK font: any font fontconfig offers, so digits and Latin text still show. */
  latin: string | null;
  diagnostic: Diagnostic | null;
}

let cachedFont: FoundFont | undefined;

function fontconfig(args: string[]): string {
  try {
    return execFileSync(args[0]!, args.slice(1), { encoding: 'utf8', timeout: 3000 });
  } catch {
    // no fontconfig on this machine: the known paths
    return '';
  }
}

/** Regular sans faces first: chart labels are set in a plain 黑体-like face, not bold or serif. */
function fontRank(file: string): number {
  return Number(/Regular/i.test(file)) * 2 + Number(/Sans|Hei/i.test(file));
}

/** A font file with Chinese glyphs: $LANTU_CJK_FONT, then fontconfig's answer for zh, then known paths. */
export function findCjkFont(): FoundFont {
  if (cachedFont) return cachedFont;
  const candidates: string[] = [];
  if (process.env.LANTU_CJK_FONT) candidates.push(process.env.LANTU_CJK_FONT);
  // fc-list only lists fonts that cover the language, unlike fc-match which always answers something.
  candidates.push(
    ...fontconfig(['fc-list', ':lang=zh', 'file'])
      .split('\n')
      .map((l) => l.replace(/:\s*$/, '').trim())
      .filter(Boolean)
      .sort((a, b) => fontRank(b) - fontRank(a)),
  );
  candidates.push(...KNOWN_CJK_FONTS);
  const file = candidates.find((f) => existsSync(f)) ?? null;
  const latin = file ? null : fontconfig(['fc-match', '-f', '%{file}', 'sans-serif']).trim() || null;
  cachedFont = {
    file,
    latin: latin && existsSync(latin) ? latin : null,
    diagnostic: file
      ? null
      : {
          severity: 'warning',
          code: 'report/no-cjk-font',
          message:
            '未找到中文字体，图表 PNG 中的汉字无法显示（Word 365/WPS 显示 SVG 原图不受影响）；' +
            '请安装 fonts-noto-cjk 或设置 LANTU_CJK_FONT / no CJK font found: Chinese text is missing from the ' +
            "charts' PNG fallback (the embedded SVG is unaffected)",
          expected: 'a CJK font file (apt install fonts-noto-cjk, or LANTU_CJK_FONT=/path/to/font.ttc)',
        },
  };
  return cachedFont;
}

/** The chart as an SVG string (ECharts server-side rendering, no DOM). */
export function chartSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: spec.width,
    height: spec.height,
  });
  try {
    chart.setOption({ backgroundColor: '#ffffff', ...spec.option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** SVG and PNG of a chart; a missing CJK font gives a PNG without Chinese text and a diagnostic, never a failure. */
export function renderChart(spec: ChartSpec, diagnostics: Diagnostic[] = []): RenderedChart {
  const svg = chartSvg(spec);
  const font = findCjkFont();
  if (font.diagnostic && !diagnostics.some((d) => d.code === font.diagnostic!.code))
    diagnostics.push(font.diagnostic);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: spec.width * 2 },
    // One font file instead of scanning every system font on each chart.
    font:
      font.file || font.latin
        ? { fontFiles: [(font.file ?? font.latin)!], loadSystemFonts: false }
        : { loadSystemFonts: true },
  });
  return { svg, png: resvg.render().asPng(), width: spec.width, height: spec.height };
}
