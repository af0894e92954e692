// 文档管理: upload documents (several at once, each with its progress and result), the list of stored documents with
// their reading and diagnostics, a revised version (规划调整) over a document, removal and restore.
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Input,
  List,
  Modal,
  Popconfirm,
  Progress,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  ApiError,
  csrfHeader,
  getJson,
  type DocumentDetail,
  type DocumentListed,
  type DocumentSummary,
  type IngestAnswer,
  type Page,
  type VersionAnswer,
} from '../api';
import { Downloads } from '../components/Downloads';
import { DOC_TYPE, formatTime } from '../format';
import { useLang } from '../i18n';
import { useApi } from '../useApi';

const READING: Record<DocumentListed['reading'], [string, string, string]> = {
  ok: ['green', '读取成功', 'Read'],
  warnings: ['gold', '有提示', 'With notes'],
  errors: ['red', '读取失败', 'Failed'],
};

const SEVERITY: Record<string, [string, string, string]> = {
  error: ['red', '错误', 'Error'],
  warning: ['gold', '警示', 'Warning'],
  info: ['blue', '提示', 'Info'],
};

/** The server's answer to one upload, read as JSON whatever its status. */
interface Sent<T> {
  status: number;
  body: T | { message?: string; expected?: string };
}

/** POST a form with XMLHttpRequest, which (unlike fetch) reports the upload's progress. */
function sendForm<T>(path: string, form: FormData, onProgress: (percent: number) => void): Promise<Sent<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeader())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: Sent<T>['body'];
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : {};
      } catch {
        body = { message: `HTTP ${xhr.status}` };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(form);
  });
}

/** The message of an error answer, with what was expected. */
function errorText(body: { message?: string; expected?: string }, status: number): string {
  return `${body.message ?? `HTTP ${status}`}${body.expected ? `（${body.expected}）` : ''}`;
}

/** How many things were read from a stored document (each a list's total). */
interface ReadCounts {
  headings: number;
  rows: number;
  targets: number;
  achievements: number;
}

async function readCounts(id: number): Promise<ReadCounts> {
  const total = (path: string, params = {}) =>
    getJson<{ total: number }>(path, { ...params, limit: 1 }).then((p) => p.total);
  const [headings, rows, targets, achievements] = await Promise.all([
    total(`/api/documents/${id}/outline`),
    total('/api/rows', { document_id: id }),
    total('/api/targets', { document_id: id }),
    total('/api/achievements', { document_id: id }),
  ]);
  return { headings, rows, targets, achievements };
}

interface UploadItem {
  uid: string;
  name: string;
  percent: number;
  state: 'uploading' | 'reading' | 'stored' | 'duplicate' | 'failed';
  message?: string;
  document?: DocumentDetail;
  counts?: ReadCounts;
}

function UploadPanel({ onStored }: { onStored: () => void }) {
  const { t, lang } = useLang();
  const [items, setItems] = useState<UploadItem[]>([]);
  const update = (uid: string, change: Partial<UploadItem>) =>
    setItems((list) => list.map((item) => (item.uid === uid ? { ...item, ...change } : item)));

  // One request per file: a bad file answers for itself and never stops the others.
  const send = async (file: File, uid: string) => {
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const { status, body } = await sendForm<IngestAnswer>('/api/documents', form, (percent) =>
        update(uid, { percent, state: percent >= 100 ? 'reading' : 'uploading' }),
      );
      const answer = body as Partial<IngestAnswer>;
      const done = answer.stored?.[0] ?? answer.duplicates?.[0];
      if (!done) {
        const failed = answer.failed?.[0];
        update(uid, {
          percent: 100,
          state: 'failed',
          message: failed ? failed.error : errorText(body as { message?: string }, status),
        });
        return;
      }
      const [document, counts] = await Promise.all([
        getJson<DocumentDetail>(`/api/documents/${done.documentId}`),
        readCounts(done.documentId),
      ]);
      update(uid, {
        percent: 100,
        state: answer.stored?.length ? 'stored' : 'duplicate',
        document,
        counts,
      });
      onStored();
    } catch (error) {
      update(uid, { state: 'failed', message: (error as Error).message });
    }
  };

  const kind = (d: DocumentDetail) => (lang === 'zh' ? DOC_TYPE[d.doc_type]?.[0] : DOC_TYPE[d.doc_type]?.[1]);
  return (
    <Card size="small" title={t('上传文档', 'Upload documents')}>
      <Upload.Dragger
        multiple
        showUploadList={false}
        accept=".txt,.docx,.pdf,.html,.htm"
        customRequest={({ file }) => {
          const f = file as File & { uid: string };
          setItems((list) => [{ uid: f.uid, name: f.name, percent: 0, state: 'uploading' }, ...list]);
          void send(f, f.uid);
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">
          {t(
            '将规划纲要、政府工作报告、统计公报拖到此处，或点击选择',
            'Drop plans, work reports and bulletins here, or click to choose',
          )}
        </p>
        <p className="ant-upload-hint">
          {t('可同时选择多个文件；支持 TXT、DOCX、PDF、HTML', 'Several files at once; TXT, DOCX, PDF, HTML')}
        </p>
      </Upload.Dragger>
      {items.length > 0 && (
        <List
          className="upload-results"
          size="small"
          dataSource={items}
          renderItem={(item) => (
            <List.Item className={`upload-result upload-${item.state}`} data-file={item.name}>
              <Space orientation="vertical" style={{ width: '100%' }} size={2}>
                <Space wrap>
                  <Typography.Text strong>{item.name}</Typography.Text>
                  {item.state === 'stored' && <Tag color="green">{t('已入库', 'Stored')}</Tag>}
                  {item.state === 'duplicate' && <Tag color="blue">{t('已存在', 'Already stored')}</Tag>}
                  {item.state === 'failed' && <Tag color="red">{t('未入库', 'Not stored')}</Tag>}
                  {item.state === 'reading' && <Tag>{t('读取中…', 'Reading…')}</Tag>}
                </Space>
                {(item.state === 'uploading' || item.state === 'reading') && (
                  <Progress percent={item.percent} size="small" status="active" />
                )}
                {item.state === 'failed' && <Typography.Text type="danger">{item.message}</Typography.Text>}
                {item.document && item.counts && (
                  <Typography.Text className="upload-summary">
                    <Link to={`/documents/${item.document.id}`}>
                      {item.document.title ?? item.document.filename}
                    </Link>
                    {' · '}
                    {kind(item.document)} · {item.document.region ?? t('地区未识别', 'region unknown')} ·{' '}
                    {item.document.period ?? t('期间未识别', 'period unknown')} ·{' '}
                    {t(
                      `章节 ${item.counts.headings} 个，指标表行 ${item.counts.rows} 行，目标 ${item.counts.targets} 项，已实现数值 ${item.counts.achievements} 项`,
                      `${item.counts.headings} headings, ${item.counts.rows} table rows, ${item.counts.targets} targets, ${item.counts.achievements} reported values`,
                    )}
                    {item.document.diagnostics.length > 0 &&
                      t(
                        `；${item.document.diagnostics.length} 条读取提示`,
                        `; ${item.document.diagnostics.length} reading notes`,
                      )}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** A document's diagnostics (each linking to its line in the reader) and its versions. */
function DocumentDetails({ doc }: { doc: DocumentListed }) {
  const { t, lang } = useLang();
  const { data: detail } = useApi<DocumentDetail>(`/api/documents/${doc.id}`);
  const { data: versions } = useApi<Page<DocumentSummary>>(`/api/documents/${doc.id}/versions`);
  return (
    <div className="document-details">
      <Typography.Text strong>{t('读取提示', 'Reading notes')}</Typography.Text>
      {detail && detail.diagnostics.length === 0 && (
        <div className="muted">{t('读取时没有提示。', 'Read without notes.')}</div>
      )}
      <ul className="diagnostics">
        {detail?.diagnostics.map((d, i) => (
          <li key={i}>
            <Tag color={SEVERITY[d.severity]?.[0]}>
              {lang === 'zh' ? SEVERITY[d.severity]?.[1] : SEVERITY[d.severity]?.[2]}
            </Tag>
            {d.line !== undefined && (
              <Link to={`/documents/${doc.id}?line=${d.line}`}>{t(`第 ${d.line} 行`, `line ${d.line}`)}</Link>
            )}{' '}
            {d.message}
            {d.expected ? (
              <span className="muted">
                （{t('应为', 'expected')} {d.expected}）
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <Typography.Text strong>{t('版本', 'Versions')}</Typography.Text>
      <ul className="versions">
        {versions?.items.map((v) => (
          <li key={v.id}>
            <Link to={`/documents/${v.id}`}>{t(`第 ${v.version} 版`, `version ${v.version}`)}</Link> ·{' '}
            {v.filename} · {v.ingested_by} · {formatTime(v.ingested_at)}
            {v.revision_reason ? ` · ${v.revision_reason}` : ''}
            {v.superseded_at === null ? (
              <Tag color="green" style={{ marginLeft: 8 }}>
                {t('现行', 'Current')}
              </Tag>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** 规划调整: upload the revised file as the next version, with the reason. */
function ReviseDialog({ doc, onClose }: { doc: DocumentListed | null; onClose: (revised: boolean) => void }) {
  const { t } = useLang();
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [reason, setReason] = useState('');
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = (revised: boolean) => {
    setFile(null);
    setReason('');
    setPercent(null);
    setError(null);
    onClose(revised);
  };
  const submit = async () => {
    if (!doc || !file) return;
    const form = new FormData();
    form.append('reason', reason);
    form.append('file', file, file.name);
    setError(null);
    setPercent(0);
    try {
      const { status, body } = await sendForm<VersionAnswer>(
        `/api/documents/${doc.id}/versions`,
        form,
        setPercent,
      );
      if (status !== 201) {
        setError(errorText(body as { message?: string }, status));
        setPercent(null);
        return;
      }
      const answer = body as VersionAnswer;
      message.success(
        t(
          `已存为第 ${answer.to.version} 版，监测按新版本计算`,
          `Stored as version ${answer.to.version}; monitoring follows it`,
        ),
      );
      close(true);
    } catch (e) {
      setError((e as Error).message);
      setPercent(null);
    }
  };
  return (
    <Modal
      open={doc !== null}
      title={t('上传修订版（规划调整）', 'Upload a revised version')}
      okText={t('上传并替换', 'Upload and replace')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={{ disabled: !file, loading: percent !== null }}
      onOk={() => void submit()}
      onCancel={() => close(false)}
      destroyOnHidden
    >
      {doc && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {t('当前版本', 'Current version')}: {doc.title ?? doc.filename} ·{' '}
            {t(`第 ${doc.version} 版`, `version ${doc.version}`)}
          </Typography.Text>
          <Upload
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>{t('选择修订后的文件', 'Choose the revised file')}</Button>
          </Upload>
          <Input.TextArea
            aria-label={t('调整原因', 'Reason')}
            placeholder={t('调整原因，如：经区人大常委会审议批准的中期调整', 'Reason for the revision')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
          />
          {percent !== null && <Progress percent={percent} size="small" status="active" />}
          {error && <Alert type="error" showIcon title={error} />}
          <div className="muted">
            {t(
              '原版本保留，可随时查阅；指标、目标和监测结论按新版本重新计算，已填报的数值、人工调整随之保留。',
              'The earlier version is kept; indicators, targets and statuses follow the new one, entries made by people are kept.',
            )}
          </div>
        </Space>
      )}
    </Modal>
  );
}

export default function Documents() {
  const { t, lang } = useLang();
  const { message } = AntApp.useApp();
  const [docType, setDocType] = useState<string | undefined>();
  const [reading, setReading] = useState<string | undefined>();
  const [state, setState] = useState<'current' | 'removed'>('current');
  const [revising, setRevising] = useState<DocumentListed | null>(null);
  const params = { doc_type: docType, reading, state };
  const { data, error, reload } = useApi<Page<DocumentListed>>('/api/documents', { ...params, limit: 1000 });

  const act = async (path: string, method: 'DELETE' | 'POST', done: string) => {
    try {
      const response = await fetch(path, {
        method,
        headers: { accept: 'application/json', ...csrfHeader() },
      });
      const body = await response.json();
      if (!response.ok) throw new ApiError(response.status, body);
      message.success(done);
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} className="documents-page">
      <Typography.Title level={3}>{t('文档管理', 'Documents')}</Typography.Title>
      <UploadPanel onStored={reload} />
      <Card
        size="small"
        title={t('已入库文档', 'Stored documents')}
        extra={<Downloads path="/api/documents" params={params} />}
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            aria-label={t('状态', 'State')}
            value={state}
            onChange={(v) => setState(v as 'current' | 'removed')}
            options={[
              { value: 'current', label: t('在用', 'In use') },
              { value: 'removed', label: t('已删除', 'Removed') },
            ]}
          />
          <Select
            allowClear
            placeholder={t('全部类型', 'All types')}
            style={{ width: 160 }}
            value={docType}
            onChange={setDocType}
            options={Object.entries(DOC_TYPE).map(([value, [zh, en]]) => ({
              value,
              label: lang === 'zh' ? zh : en,
            }))}
          />
          <Select
            allowClear
            placeholder={t('全部读取状态', 'Any reading')}
            style={{ width: 160 }}
            value={reading}
            onChange={setReading}
            options={Object.entries(READING).map(([value, [, zh, en]]) => ({
              value,
              label: lang === 'zh' ? zh : en,
            }))}
          />
        </Space>
        {error && <Alert type="error" showIcon title={error.message} />}
        <Table<DocumentListed>
          size="small"
          rowKey="id"
          className="documents-table"
          loading={!data && !error}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 960 }}
          expandable={{ expandedRowRender: (doc) => <DocumentDetails doc={doc} /> }}
          columns={[
            {
              title: t('文档', 'Document'),
              key: 'title',
              render: (_, d) => (
                <Space orientation="vertical" size={0}>
                  <Link to={`/documents/${d.id}`}>{d.title ?? d.filename}</Link>
                  <span className="muted">{d.filename}</span>
                </Space>
              ),
            },
            {
              title: t('类型', 'Type'),
              dataIndex: 'doc_type',
              render: (v: string) => (lang === 'zh' ? DOC_TYPE[v]?.[0] : DOC_TYPE[v]?.[1]) ?? v,
            },
            { title: t('地区', 'Region'), dataIndex: 'region', render: (v: string | null) => v ?? '—' },
            { title: t('期间', 'Period'), dataIndex: 'period', render: (v: string | null) => v ?? '—' },
            {
              title: t('读取', 'Reading'),
              key: 'reading',
              render: (_, d) => (
                <Tag color={READING[d.reading][0]} className="reading-tag">
                  {lang === 'zh' ? READING[d.reading][1] : READING[d.reading][2]}
                  {d.diagnostic_count > 0 ? ` ${d.diagnostic_count}` : ''}
                </Tag>
              ),
            },
            {
              title: t('版本', 'Version'),
              key: 'version',
              render: (_, d) => (
                <span className="version-cell">
                  {t(`第 ${d.version} 版`, `v${d.version}`)}
                  {d.versions > 1 ? <span className="muted"> / {d.versions}</span> : null}
                </span>
              ),
            },
            {
              title: t('上传', 'Uploaded'),
              key: 'uploaded',
              render: (_, d) => (
                <Space orientation="vertical" size={0}>
                  <span>{d.ingested_by}</span>
                  <span className="muted">{formatTime(d.ingested_at)}</span>
                </Space>
              ),
            },
            {
              title: t('操作', 'Actions'),
              key: 'actions',
              render: (_, d) =>
                d.removed_at === null ? (
                  <Space size={0} wrap>
                    <Button size="small" type="link" onClick={() => setRevising(d)}>
                      {t('上传修订版', 'Revise')}
                    </Button>
                    <Popconfirm
                      title={t(
                        '删除后不再参与监测，可在“已删除”中恢复。确定删除？',
                        'Remove from monitoring? It can be restored.',
                      )}
                      okText={t('删除', 'Remove')}
                      cancelText={t('取消', 'Cancel')}
                      onConfirm={() =>
                        void act(
                          `/api/documents/${d.id}`,
                          'DELETE',
                          t('已删除，可在“已删除”中恢复', 'Removed'),
                        )
                      }
                    >
                      <Button size="small" type="link" danger>
                        {t('删除', 'Remove')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : (
                  <Space orientation="vertical" size={0}>
                    <span className="muted">
                      {d.removed_by} · {formatTime(d.removed_at)}
                    </span>
                    <Button
                      size="small"
                      type="link"
                      onClick={() =>
                        void act(`/api/documents/${d.id}/restore`, 'POST', t('已恢复', 'Restored'))
                      }
                    >
                      {t('恢复', 'Restore')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <ReviseDialog
        doc={revising}
        onClose={(revised) => {
          setRevising(null);
          if (revised) reload();
        }}
      />
    </Space>
  );
}
