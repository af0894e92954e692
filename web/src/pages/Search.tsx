// 全文检索: every stored document searched by Chinese words, each hit in its context, opening the reader there.
import { Alert, Card, Empty, Input, List, Pagination, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import type { SearchHit } from '../api';
import { Downloads } from '../components/Downloads';
import { useLang } from '../i18n';
import { useApi } from '../useApi';

const DOC_TYPE: Record<string, [string, string]> = {
  plan: ['规划纲要', 'Plan'],
  work_report: ['政府工作报告', 'Work report'],
  bulletin: ['统计公报', 'Bulletin'],
};

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

interface SearchAnswer {
  total: number;
  terms: string[];
  items: SearchHit[];
}

export default function Search() {
  const { t, lang } = useLang();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const pageSize = 20;
  const { data, error } = useApi<SearchAnswer>(q ? '/api/search' : null, {
    q,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
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
        <Card
          size="small"
          className="section"
          title={t(`“${q}”共 ${data.total} 处`, `${data.total} hits for “${q}”`)}
          extra={<Downloads path="/api/search" params={{ q }} />}
        >
          {data.total === 0 ? (
            <Empty description={t('没有找到。可换个说法或减少检索词。', 'Nothing found.')} />
          ) : (
            <>
              <List
                className="search-results"
                dataSource={data.items}
                renderItem={(hit) => (
                  <List.Item className="search-hit">
                    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                      <Space wrap size={6}>
                        <Link to={`/documents/${hit.document_id}?line=${hit.line}`} className="hit-title">
                          {hit.title ?? t('未命名文件', 'Untitled')}
                        </Link>
                        {hit.doc_type && (
                          <Tag>
                            {lang === 'zh'
                              ? (DOC_TYPE[hit.doc_type]?.[0] ?? hit.doc_type)
                              : (DOC_TYPE[hit.doc_type]?.[1] ?? hit.doc_type)}
                          </Tag>
                        )}
                        <span className="muted">
                          {hit.region ?? ''} · {t(`第 ${hit.line} 行`, `line ${hit.line}`)}
                        </span>
                      </Space>
                      <Link to={`/documents/${hit.document_id}?line=${hit.line}`} className="hit-context">
                        <Snippet hit={hit} />
                      </Link>
                    </Space>
                  </List.Item>
                )}
              />
              <Pagination
                size="small"
                current={page}
                pageSize={pageSize}
                total={data.total}
                showSizeChanger={false}
                hideOnSinglePage
                onChange={(p) => setParams({ q, page: String(p) })}
              />
            </>
          )}
        </Card>
      )}
    </div>
  );
}
