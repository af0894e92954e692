// 数据填报: a region's observations as a grid, new values typed in place, the XLSX template to download, and
// uploads whose row-level errors are shown in the rows where they are.
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import {
  ApiError,
  postJson,
  uploadFile,
  type CatalogIndicator,
  type DocumentSummary,
  type ImportResult,
  type Observation,
  type Page,
  type RowError,
} from '../api';
import { catalogOptions, loadCatalog } from '../catalog';
import { ApprovalTag } from '../components/ApprovalTag';
import { Downloads } from '../components/Downloads';
import { FormDialog } from '../components/FormDialog';
import { formatQuantity, formatTime } from '../format';
import { useLang } from '../i18n';
import { readSheet } from '../sheet';
import { useApi } from '../useApi';

/** The server's row errors in Chinese (rules as data; anything else is shown as the server wrote it). */
const ERROR_TEXT: Array<[RegExp, string]> = [
  [/^"(.*)" is not a number$/, '“$1”不是数字'],
  [/^value is empty$/, '数值为空'],
  [/^year is missing$/, '缺少年份'],
  [/^"(.*)" is not a year$/, '“$1”不是有效年份'],
  [/^region is empty$/, '地区为空'],
  [/^unknown region "(.*)"$/, '未知地区“$1”'],
  [/^indicator is empty$/, '指标为空'],
  [/^unknown indicator "(.*?)"(.*)$/, '未知指标“$1”$2'],
  [/^missing column "(.*)"$/, '缺少“$1”列'],
  [/^unknown column "(.*)"$/, '无法识别的列“$1”'],
  [
    /^(\d{4}) was published on (\S+) by (.*) \(publication \d+\) and is locked$/,
    '$1年度数据已于$2由$3发布并锁定，修改须提交修订',
  ],
  [/^(.*) (\d{4}) was published on (\S+) and is locked$/, '$1$2年度数据已于$3发布并锁定，修改须提交修订'],
];

function errorText(message: string, lang: 'zh' | 'en'): string {
  if (lang === 'en') return message;
  for (const [pattern, zh] of ERROR_TEXT) if (pattern.test(message)) return message.replace(pattern, zh);
  return message;
}

const COLUMN_ZH: Record<string, string> = {
  region: '地区',
  indicator: '指标',
  year: '年份',
  value: '数值',
  unit: '单位',
  source: '来源',
  note: '备注',
};

interface DraftRow {
  key: number;
  indicator_id?: string;
  year?: number;
  value?: string;
  unit?: string;
  note?: string;
  error?: string;
}

/** A change to a published (locked) value: a revision with its reason, reviewed and published again. */
function RevisionDialog({ observation, onDone }: { observation: Observation | null; onDone: () => void }) {
  const { t } = useLang();
  return (
    <FormDialog<{ value: string; reason: string }>
      open={observation !== null}
      title={`${t('提交修订', 'Revise')}：${observation?.indicator ?? ''} ${observation?.year ?? ''}`}
      okText={t('提交审核', 'Submit for review')}
      className="revision-form"
      send={(values) =>
        postJson('/api/observations', {
          region_id: observation!.region_id,
          indicator_id: observation!.indicator_id,
          year: observation!.year,
          value: values.value,
          unit: observation!.unit,
          revises: observation!.id,
          reason: values.reason,
        })
      }
      done={t('修订已提交，待审核', 'Revision submitted for review')}
      onDone={onDone}
    >
      <Form.Item
        name="value"
        label={t('修订后数值', 'Revised value')}
        rules={[{ required: true, message: t('请填写数值', 'Required') }]}
      >
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('修订理由', 'Reason')}
        rules={[{ required: true, message: t('请填写修订理由', 'Required') }]}
      >
        <Input.TextArea rows={2} placeholder={t('如：统计局核定数修订', 'e.g. revised official figure')} />
      </Form.Item>
    </FormDialog>
  );
}

function UploadResult({
  rows,
  result,
  onValidOnly,
}: {
  rows: string[][];
  result: ImportResult;
  onValidOnly: () => void;
}) {
  const { t, lang } = useLang();
  const byRow = new Map<number, RowError[]>();
  for (const e of result.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const [header = [], ...body] = rows;
  const headerKeys = header.map(
    (h) =>
      Object.entries(COLUMN_ZH).find(([en, zh]) => h.trim().toLowerCase() === en || h.trim() === zh)?.[0] ??
      h,
  );
  const data = body
    .map((cells, i) => ({ key: i + 2, row: i + 2, cells, errors: byRow.get(i + 2) ?? [] }))
    .filter((r) => r.cells.some((c) => c.trim()) || r.errors.length);
  const summary =
    result.errors.length === 0
      ? t(`已导入 ${result.imported} 行。`, `Imported ${result.imported} rows.`)
      : result.imported > 0
        ? t(
            `已导入 ${result.imported} 行，${result.errors.length} 处错误的行未导入。`,
            `Imported ${result.imported} rows; rows with ${result.errors.length} errors were skipped.`,
          )
        : t(
            `文件中有 ${result.errors.length} 处错误，未导入任何数据。请修改后重新上传，或只导入无误的 ${result.valid} 行。`,
            `${result.errors.length} errors: nothing was imported. Fix and upload again, or import the ${result.valid} valid rows only.`,
          );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={result.errors.length === 0 ? 'success' : result.imported > 0 ? 'warning' : 'error'}
        showIcon
        className="import-summary"
        title={summary}
        action={
          result.errors.length > 0 && result.imported === 0 && result.valid > 0 ? (
            <Button size="small" onClick={onValidOnly}>
              {t('只导入无误的行', 'Import valid rows only')}
            </Button>
          ) : undefined
        }
      />
      {data.length > 0 && (
        <Table
          size="small"
          className="upload-grid"
          pagination={false}
          scroll={{ x: 700 }}
          rowKey="key"
          dataSource={data}
          rowClassName={(r) => (r.errors.length ? 'row-error' : '')}
          columns={[
            { title: t('行', 'Row'), dataIndex: 'row', width: 50 },
            ...header.map((h, c) => ({
              title: h,
              key: `c${c}`,
              render: (_: unknown, r: (typeof data)[number]) => {
                const errors = r.errors.filter((e) => e.column === headerKeys[c]);
                const cell = r.cells[c] ?? '';
                if (errors.length === 0) return cell;
                return (
                  <div className="cell-error">
                    <span className="cell-error-value">{cell || t('（空）', '(empty)')}</span>
                    {errors.map((e, i) => (
                      <div key={i} className="cell-error-message">
                        {errorText(e.message, lang)}；{t('应为', 'expected')}：{e.expected}
                      </div>
                    ))}
                  </div>
                );
              },
            })),
            {
              title: t('检查结果', 'Check'),
              key: 'check',
              width: 150,
              render: (_: unknown, r: (typeof data)[number]) =>
                r.errors.length ? (
                  <span className="error-text">
                    {r.errors
                      .filter((e) => !headerKeys.includes(e.column ?? ''))
                      .map((e) => errorText(e.message, lang))
                      .join('；') || t(`${r.errors.length} 处错误`, `${r.errors.length} error(s)`)}
                  </span>
                ) : (
                  <span className="ok-text">{t('无误', 'OK')}</span>
                ),
            },
          ]}
        />
      )}
    </Space>
  );
}

export default function DataEntry() {
  const { t, lang } = useLang();
  const { message } = AntApp.useApp();
  const { data: plans } = useApi<Page<DocumentSummary>>('/api/plans', { limit: 1000 });
  const regions = useMemo(() => {
    const seen = new Map<number, string>();
    for (const p of plans?.items ?? [])
      if (p.region_id !== null) seen.set(p.region_id, p.region ?? String(p.region_id));
    return [...seen.entries()].map(([value, label]) => ({ value, label }));
  }, [plans]);
  const [regionId, setRegionId] = useState<number | null>(null);
  const region = regionId ?? regions[0]?.value ?? null;
  const { data: observations, reload } = useApi<Page<Observation>>(region ? '/api/observations' : null, {
    region_id: region ?? undefined,
    limit: 1000,
  });
  const [catalog, setCatalog] = useState<CatalogIndicator[]>([]);
  const [drafts, setDrafts] = useState<DraftRow[]>([{ key: 1 }]);
  const [saving, setSaving] = useState(false);
  const [upload, setUpload] = useState<{ file: File; rows: string[][]; result: ImportResult } | null>(null);
  const [uploading, setUploading] = useState(false);
  const [revising, setRevising] = useState<Observation | null>(null);
  useEffect(() => {
    loadCatalog().then(setCatalog, () => setCatalog([]));
  }, []);
  const unitOf = (id?: string) => catalog.find((c) => c.id === id)?.unit ?? '';

  const edit = (key: number, patch: Partial<DraftRow>) =>
    setDrafts((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch, error: undefined } : r)));

  const saveDrafts = async () => {
    setSaving(true);
    const left: DraftRow[] = [];
    let saved = 0;
    for (const row of drafts) {
      if (!row.indicator_id && !row.value && !row.year) continue;
      try {
        await postJson('/api/observations', {
          region_id: region,
          indicator_id: row.indicator_id,
          year: row.year,
          value: row.value ?? '',
          unit: row.unit || unitOf(row.indicator_id) || null,
          note: row.note || null,
        });
        saved++;
      } catch (e) {
        const body = e instanceof ApiError ? e.body : null;
        left.push({
          ...row,
          error: `${errorText((e as Error).message, lang)}${body?.expected ? `；${t('应为', 'expected')}：${body.expected}` : ''}`,
        });
      }
    }
    setSaving(false);
    setDrafts(left.length ? left : [{ key: Date.now() }]);
    if (saved) {
      message.success(
        t(`已保存 ${saved} 条数据，待审核后计入监测。`, `Saved ${saved} values; they count once approved.`),
      );
      reload();
    }
  };

  /** Check first (nothing stored); import at once when the file is clean, else show the errors in place. */
  const send = async (file: File, validOnly: boolean) => {
    setUploading(true);
    try {
      const rows = readSheet(new Uint8Array(await file.arrayBuffer()), file.name);
      if (!validOnly) {
        const { body: check } = await uploadFile<ImportResult>('/api/observations/check', file);
        if (check.errors.length > 0) {
          setUpload({ file, rows, result: { ...check, imported: 0 } });
          return;
        }
      }
      const { body } = await uploadFile<ImportResult>(
        '/api/observations/import',
        file,
        validOnly ? { valid_rows_only: true } : {},
      );
      setUpload({ file, rows, result: body });
      if (body.imported > 0) reload();
    } catch (e) {
      message.error(e instanceof ApiError ? `${e.message}` : String(e));
    } finally {
      setUploading(false);
    }
  };

  return (
    <div className="page data-entry">
      <Typography.Title level={3}>{t('数据填报', 'Data entry')}</Typography.Title>
      <Space wrap className="pickers">
        <Select
          style={{ width: 200 }}
          aria-label={t('选择地区', 'Region')}
          value={region ?? undefined}
          onChange={setRegionId}
          options={regions}
          placeholder={t('选择地区', 'Region')}
        />
        <Button icon={<DownloadOutlined />} href="/api/observations/template?format=xlsx">
          {t('下载填报模板（XLSX）', 'Template (XLSX)')}
        </Button>
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          beforeUpload={(file) => {
            void send(file, false);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={uploading}>
            {t('上传填报文件', 'Upload a filled template')}
          </Button>
        </Upload>
      </Space>

      {upload && (
        <Card
          size="small"
          className="section"
          title={`${t('上传结果', 'Upload result')}：${upload.file.name}`}
        >
          <UploadResult
            rows={upload.rows}
            result={upload.result}
            onValidOnly={() => void send(upload.file, true)}
          />
        </Card>
      )}

      <Card
        size="small"
        className="section"
        title={t('逐条录入', 'Enter values')}
        extra={
          <Space>
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setDrafts((rows) => [...rows, { key: Date.now() }])}
            >
              {t('添加一行', 'Add a row')}
            </Button>
            <Button size="small" type="primary" loading={saving} onClick={saveDrafts} disabled={!region}>
              {t('保存', 'Save')}
            </Button>
          </Space>
        }
      >
        <Table<DraftRow>
          size="small"
          className="entry-grid"
          rowKey="key"
          pagination={false}
          dataSource={drafts}
          scroll={{ x: 760 }}
          rowClassName={(r) => (r.error ? 'row-error' : '')}
          columns={[
            {
              title: t('指标', 'Indicator'),
              dataIndex: 'indicator_id',
              width: 240,
              render: (v: string | undefined, r) => (
                <Select
                  size="small"
                  style={{ width: '100%' }}
                  value={v}
                  placeholder={t('选择指标', 'Indicator')}
                  showSearch={{
                    filterOption: (input, option) => String(option?.search ?? '').includes(input),
                  }}
                  options={catalogOptions(catalog)}
                  onChange={(id: string) => edit(r.key, { indicator_id: id, unit: unitOf(id) })}
                  popupMatchSelectWidth={false}
                />
              ),
            },
            {
              title: t('年份', 'Year'),
              dataIndex: 'year',
              width: 100,
              render: (v: number | undefined, r) => (
                <InputNumber
                  size="small"
                  min={1949}
                  max={2100}
                  value={v}
                  onChange={(y) => edit(r.key, { year: y ?? undefined })}
                />
              ),
            },
            {
              title: t('数值', 'Value'),
              dataIndex: 'value',
              width: 110,
              render: (v: string | undefined, r) => (
                <Input size="small" value={v} onChange={(e) => edit(r.key, { value: e.target.value })} />
              ),
            },
            {
              title: t('单位', 'Unit'),
              dataIndex: 'unit',
              width: 80,
              render: (v: string | undefined, r) => (
                <Input size="small" value={v} onChange={(e) => edit(r.key, { unit: e.target.value })} />
              ),
            },
            {
              title: t('备注', 'Note'),
              dataIndex: 'note',
              render: (v: string | undefined, r) => (
                <Input size="small" value={v} onChange={(e) => edit(r.key, { note: e.target.value })} />
              ),
            },
            {
              title: '',
              key: 'error',
              width: 200,
              render: (_: unknown, r) => (r.error ? <span className="error-text">{r.error}</span> : null),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        className="section"
        title={`${t('已有数据', 'Stored values')}（${observations?.total ?? '…'}）`}
        extra={region ? <Downloads path="/api/observations" params={{ region_id: region }} /> : null}
      >
        <Table<Observation>
          size="small"
          rowKey="id"
          loading={!observations && region !== null}
          dataSource={observations?.items ?? []}
          pagination={{ pageSize: 15, hideOnSinglePage: true }}
          scroll={{ x: 700 }}
          columns={[
            { title: t('指标', 'Indicator'), dataIndex: 'indicator' },
            { title: t('年份', 'Year'), dataIndex: 'year', width: 70, sorter: (a, b) => a.year - b.year },
            {
              title: t('数值', 'Value'),
              dataIndex: 'value',
              width: 120,
              render: (v: string, o) => formatQuantity(v, o.unit),
            },
            {
              title: t('来源', 'Source'),
              key: 'source',
              width: 200,
              render: (_: unknown, o) =>
                o.source.kind === 'document' ? (
                  <Tooltip title={o.source.quote}>
                    <a href={`/documents/${o.source.document_id}?line=${o.source.line}`}>
                      {t(`文件第 ${o.source.line} 行`, `document line ${o.source.line}`)}
                    </a>
                  </Tooltip>
                ) : o.source.kind === 'import' ? (
                  `${o.source.import_file ?? ''} ${t(`第 ${o.source.import_row} 行`, `row ${o.source.import_row}`)}`
                ) : (
                  t('人工填报', 'Entered')
                ),
            },
            {
              title: t('审核状态', 'Approval'),
              key: 'approval',
              width: 140,
              render: (_: unknown, o) => (
                <Space size={4}>
                  <ApprovalTag approval={o.approval} />
                  {o.approval?.state === 'published' && (
                    <Button size="small" type="link" onClick={() => setRevising(o)}>
                      {t('修订', 'Revise')}
                    </Button>
                  )}
                </Space>
              ),
            },
            { title: t('记录人', 'By'), dataIndex: 'recorded_by', width: 100 },
            {
              title: t('时间', 'When'),
              dataIndex: 'recorded_at',
              width: 140,
              render: (v: string) => formatTime(v),
            },
          ]}
        />
      </Card>
      <RevisionDialog
        observation={revising}
        onDone={() => {
          setRevising(null);
          reload();
        }}
      />
    </div>
  );
}
