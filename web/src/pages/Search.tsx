// 全文检索: every stored document searched by Chinese words, hits in context with facets, opening the reader there.
import { Alert, Card, Col, Empty, Input, Pagination, Row, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import type { SearchAnswer, SearchFacetValue, SearchHit } from '../api';
import { Downloads } from '../components/Downloads';
import { useLang } from '../i18n';
import { useApi } from '../useApi';

const DOC_TYPE: Record<string, [string, string]> = {
  plan: ['规划纲要', 'Plan'],
  work_report: ['政府工作报告', 'Work report'],
  bulletin: ['统计公报', 'Bulletin'],
};

/** The filters a facet sets, as URL parameters (the page's URL is the search). */
const FILTERS = ['region', 'doc_type', 'year'] as const;
type FilterName = (typeof FILTERS)[number];

function Snippet({ hit }: { hit: SearchHit }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  hit.highlights.forEach(([s, e], i) => {
    if (s > at) parts.push(hit.snippet.slice(at, s));
    parts.push(<mark key={i}>{hit.snippet.slice(s, e)}</mark>);
    at = e;
  });
  parts.push(hit.snippet.slice(at));
  return <span className="snippet">{parts}</span>;
}

function Facet<V extends string | number | null>({
  name,
  title,
  values,
  selected,
  label,
  onPick,
}: {
  name: FilterName;
  title: string;
  values: Array<SearchFacetValue<V>>;
  selected: string | null;
  label: (value: V) => string;
  onPick: (name: FilterName, value: string | null) => void;
}) {
  const { t } = useLang();
  return (
    <div className={`search-facet facet-${name}`}>
      <Typography.Text strong>{title}</Typography.Text>
      <div className="facet-values">
        {values.map((v) => {
          const key = v.value === null ? '' : String(v.value);
          const on = selected === key;
          return (
            <Tag.CheckableTag
              key={key || 'none'}
              checked={on}
              className="facet-value"
              // A value without a name (no region read) cannot be filtered on.
              onChange={(checked) => key && onPick(name, checked ? key : null)}
            >
              {v.value === null ? t('未识别', 'unknown') : label(v.value)}
              <span className="muted"> {v.count}</span>
            </Tag.CheckableTag>
          );
        })}
      </div>
    </div>
  );
}

export default function Search() {
  const { t, lang } = useLang();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const pageSize = 20;
  const filters: Partial<Record<FilterName, string>> = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const { data, error } = useApi<SearchAnswer>(q ? '/api/search' : null, {
    q,
    ...filters,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const docType = (value: string) =>
    lang === 'zh' ? (DOC_TYPE[value]?.[0] ?? value) : (DOC_TYPE[value]?.[1] ?? value);
  const pick = (name: FilterName, value: string | null) => {
    const next: Record<string, string> = { q, ...filters };
    if (value === null) delete next[name];
    else next[name] = value;
    setParams(next);
  };
  const expansions = Object.entries(data?.expansions ?? {});
  return (
    <div className="page search-page">
      <Typography.Title level={3}>{t('全文检索', 'Full-text search')}</Typography.Title>
      <Input.Search
        className="search-box"
        size="large"
        enterButton={t('检索', 'Search')}
        defaultValue={q}
        key={q}
        placeholder={t(
          '输入检索词，如：养老、研发经费、城市更新（空格分隔多个词）',
          'Words, e.g. 养老 (space-separated)',
        )}
        onSearch={(value) => setParams(value.trim() ? { q: value.trim() } : {})}
        allowClear
      />
      {error && <Alert type="error" showIcon title={error.message} />}
      {q && data && (
        <Row gutter={16} className="section">
          <Col xs={24} md={6}>
            <Card size="small" className="search-facets" title={t('筛选', 'Filter')}>
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                <Facet
                  name="doc_type"
                  title={t('文件类型', 'Document type')}
                  values={data.facets.doc_type}
                  selected={filters.doc_type ?? null}
                  label={docType}
                  onPick={pick}
                />
                <Facet
                  name="region"
                  title={t('地区', 'Region')}
                  values={data.facets.region}
                  selected={filters.region ?? null}
                  label={(v) => String(v)}
                  onPick={pick}
                />
                <Facet
                  name="year"
                  title={t('年份', 'Year')}
                  values={data.facets.year}
                  selected={filters.year ?? null}
                  label={(v) => (lang === 'zh' ? `${v}年` : String(v))}
                  onPick={pick}
                />
              </Space>
            </Card>
          </Col>
          <Col xs={24} md={18}>
            <Card
              size="small"
              title={t(
                `“${q}”共 ${data.total} 处，涉及 ${data.documents} 份文件`,
                `${data.total} hits in ${data.documents} documents for “${q}”`,
              )}
              extra={<Downloads path="/api/search" params={{ q, ...filters }} />}
            >
              {expansions.length > 0 && (
                <Typography.Paragraph type="secondary" className="search-expansions">
                  {expansions.map(([word, names]) =>
                    t(
                      `“${word}”同时检索指标库中的同义名称：${names.join('、')}`,
                      `“${word}” also searched as its catalog names: ${names.join(', ')}`,
                    ),
                  )}
                </Typography.Paragraph>
              )}
              {data.total === 0 ? (
                <Empty description={t('没有找到。可换个说法或减少检索词。', 'Nothing found.')} />
              ) : (
                <>
                  <ol className="search-results">
                    {data.items.map((hit) => (
                      <li className="search-hit" key={`${hit.document_id}:${hit.start}`}>
                        <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                          <Space wrap size={6}>
                            <Link to={`/documents/${hit.document_id}?line=${hit.line}`} className="hit-title">
                              {hit.title ?? t('未命名文件', 'Untitled')}
                            </Link>
                            {hit.doc_type && <Tag>{docType(hit.doc_type)}</Tag>}
                            <span className="muted">
                              {hit.region ?? ''} · {t(`第 ${hit.line} 行`, `line ${hit.line}`)}
                            </span>
                          </Space>
                          <Link to={`/documents/${hit.document_id}?line=${hit.line}`} className="hit-context">
                            <Snippet hit={hit} />
                          </Link>
                        </Space>
                      </li>
                    ))}
                  </ol>
                  <Pagination
                    size="small"
                    current={page}
                    pageSize={pageSize}
                    total={data.total}
                    showSizeChanger={false}
                    hideOnSinglePage
                    onChange={(p) => setParams({ q, ...filters, page: String(p) })}
                  />
                </>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
