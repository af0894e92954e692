// A filled observation template of any size (the 100k-row test, the 600k-row bench): distinct valid rows, CSV.

/** Regions of the gazetteer the rows cycle through (an import creates them). */
export const BIG_SHEET_REGIONS = ['洛阳市', '涧西区', '洛龙区', '新乡市', '卫滨区'];
const FIRST_YEAR = 1950;
const YEARS = 150;

/** A CSV of `rows` distinct observations of GDP; the first row's note is a formula, to come out inert. */
export function bigObservationCsv(rows: number): Buffer {
  const lines = ['region,indicator,year,value,unit,source,note'];
  for (let i = 0; i < rows; i++) {
    const region = BIG_SHEET_REGIONS[i % BIG_SHEET_REGIONS.length]!;
    const year = FIRST_YEAR + (Math.floor(i / BIG_SHEET_REGIONS.length) % YEARS);
    const note = i === 0 ? '"=HYPERLINK(""http://example.invalid"",""x"")"' : '';
    lines.push(`${region},gdp,${year},${i}.5,亿元,统计公报 ${i},${note}`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}
