// Report charts on the server: ECharts' SSR SVG renderer, then PNG through resvg with a CJK font found at run time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { Diagnostic } from '../diagnostics.js';
import { cffFaces, subsetFace, type CffFace } from './font-subset.js';
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

/** The CJK font's faces, read once per process (null: not a CFF font, used as the file it is). */
let loadedFaces: { file: string; faces: CffFace[] } | null | undefined;
/** Where this process writes the font cut for the chart it is drawing (one file, overwritten per chart). */
let chartFontFile: string | undefined;

function facesOf(file: string): CffFace[] {
  if (loadedFaces === undefined || (loadedFaces && loadedFaces.file !== file)) {
    try {
      loadedFaces = { file, faces: cffFaces(readFileSync(file)) };
    } catch {
      // an unreadable or unexpected font file: resvg gets it whole
      loadedFaces = null;
    }
  }
  return loadedFaces?.faces ?? [];
}

/** The face the chart names first (its textStyle.fontFamily list), else a Simplified Chinese one, else the first. */
function chartFace(faces: CffFace[], spec: ChartSpec): CffFace | undefined {
  const style = spec.option.textStyle as { fontFamily?: string } | undefined;
  const wanted = (style?.fontFamily ?? '').split(',').map((f) => f.trim());
  return (
    wanted.map((w) => faces.find((f) => f.family === w)).find(Boolean) ??
    faces.find((f) => /\bSC\b/.test(f.family) && !/Mono/.test(f.family)) ??
    faces[0]
  );
}

function writeChartFont(bytes: Uint8Array): string {
  if (!chartFontFile) {
    const dir = mkdtempSync(join(tmpdir(), 'lantu-chart-font-'));
    chartFontFile = join(dir, 'chart.otf');
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  writeFileSync(chartFontFile, bytes);
  return chartFontFile;
}

/**
 * resvg's font options for one chart. resvg-js re-reads its font file for every glyph it lays out and takes no font
 * from memory, so a CJK collection is cut to the chart's own characters first (font-subset.ts): the same pixels.
 */
function fontOptions(font: FoundFont, spec: ChartSpec, svg: string): ResvgRenderOptions['font'] {
  const file = font.file ?? font.latin;
  if (!file) return { loadSystemFonts: true };
  const face = font.file ? chartFace(facesOf(font.file), spec) : undefined;
  if (!face) return { fontFiles: [file], loadSystemFonts: false };
  try {
    const cut = writeChartFont(subsetFace(face, svg));
    // Every family (sans-serif included) resolves to the one face, so no text falls back through the font list.
    return {
      fontFiles: [cut],
      loadSystemFonts: false,
      defaultFontFamily: face.family,
      sansSerifFamily: face.family,
    };
  } catch {
    // a face this trimmer does not understand: the whole file, slower but the same picture
    return { fontFiles: [file], loadSystemFonts: false, defaultFontFamily: face.family };
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
    font: fontOptions(font, spec, svg),
  });
  return { svg, png: resvg.render().asPng(), width: spec.width, height: spec.height };
}
