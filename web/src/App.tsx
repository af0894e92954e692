// The app's frame: the navigation of a government monitoring system, the editor's name, the language switch.
import { UserOutlined } from '@ant-design/icons';
import { Button, Input, Layout, Menu, Popover, Result, Segmented, Spin } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { currentUser, setCurrentUser } from './api';
import { useLang } from './i18n';
import { Overview } from './pages/Overview';

const Reader = lazy(() => import('./pages/Reader'));
const IndicatorPage = lazy(() => import('./pages/Indicator'));
const Compare = lazy(() => import('./pages/Compare'));
const Review = lazy(() => import('./pages/Review'));
const DataEntry = lazy(() => import('./pages/DataEntry'));
const Search = lazy(() => import('./pages/Search'));
const Public = lazy(() => import('./pages/Public'));
const Ledger = lazy(() => import('./pages/Ledger'));
const Reports = lazy(() => import('./pages/Reports'));
const QueuePage = lazy(() => import('./pages/Queue'));
const Documents = lazy(() => import('./pages/Documents'));
const Audit = lazy(() => import('./pages/Audit'));
const Evaluation = lazy(() => import('./pages/Evaluation'));
const Approval = lazy(() => import('./pages/Approval'));

function UserBox() {
  const { t } = useLang();
  const [name, setName] = useState(currentUser());
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      content={
        <div style={{ width: 220 }}>
          <div className="muted">
            {t(
              '填写姓名后，您的更正、调整和填报将以此署名记录。',
              'Your corrections, overrides and entries are recorded under this name.',
            )}
          </div>
          <Input
            aria-label={t('当前用户', 'Current user')}
            placeholder={t('姓名或工号', 'Name')}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setCurrentUser(e.target.value.trim());
            }}
          />
        </div>
      }
    >
      <Button type="text" icon={<UserOutlined />} className="header-user">
        <span className="hide-narrow">{name || t('未署名', 'Anonymous')}</span>
      </Button>
    </Popover>
  );
}

export function App() {
  const { t, lang, setLang } = useLang();
  const location = useLocation();
  const isPublic = location.pathname.startsWith('/public/');
  const section = '/' + (location.pathname.split('/')[1] ?? '');
  const items = [
    { key: '/', label: <Link to="/">{t('总览', 'Overview')}</Link> },
    { key: '/indicators', label: <Link to="/indicators">{t('指标监测', 'Indicators')}</Link> },
    { key: '/compare', label: <Link to="/compare">{t('区域对比', 'Compare')}</Link> },
    { key: '/review', label: <Link to="/review">{t('检查与审核', 'Review')}</Link> },
    { key: '/data', label: <Link to="/data">{t('数据填报', 'Data entry')}</Link> },
    { key: '/approval', label: <Link to="/approval">{t('审核发布', 'Approval')}</Link> },
    { key: '/ledger', label: <Link to="/ledger">{t('实施台账', 'Ledger')}</Link> },
    { key: '/reports', label: <Link to="/reports">{t('评估报告', 'Reports')}</Link> },
    { key: '/search', label: <Link to="/search">{t('全文检索', 'Search')}</Link> },
    { key: '/queue', label: <Link to="/queue">{t('导入队列', 'Import queue')}</Link> },
    { key: '/documents', label: <Link to="/documents">{t('文档管理', 'Documents')}</Link> },
    { key: '/audit', label: <Link to="/audit">{t('审计日志', 'Audit log')}</Link> },
  ];
  // /documents is the document list; /documents/:id, a document in the reader, belongs to no menu item.
  const selected = section === '/documents' && location.pathname !== '/documents' ? '' : section;
  return (
    <Layout className="app">
      <Layout.Header className="app-header">
        <Link to={isPublic ? location.pathname : '/'} className="brand">
          <span className="brand-mark">蓝图</span>
          <span className="hide-narrow brand-sub">
            {isPublic
              ? t('规划实施情况公开', 'Plan progress (public)')
              : t('规划实施监测', 'Plan monitoring')}
          </span>
        </Link>
        {!isPublic && (
          <Menu mode="horizontal" theme="dark" selectedKeys={[selected]} items={items} className="app-menu" />
        )}
        <div className="header-tools">
          <Segmented
            size="small"
            aria-label={t('语言', 'Language')}
            value={lang}
            onChange={(v) => setLang(v as 'zh' | 'en')}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'EN', value: 'en' },
            ]}
          />
          {!isPublic && <UserBox />}
        </div>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Suspense fallback={<Spin className="page-spin" />}>
          <Routes>
            <Route path="/" element={<Overview />} />
            <Route path="/documents" element={<Documents />} />
            <Route path="/documents/:id" element={<Reader />} />
            <Route path="/indicators" element={<IndicatorPage />} />
            <Route path="/indicators/:indicatorId" element={<IndicatorPage />} />
            <Route path="/compare" element={<Compare />} />
            <Route path="/review" element={<Review />} />
            <Route path="/data" element={<DataEntry />} />
            <Route path="/approval" element={<Approval />} />
            <Route path="/ledger" element={<Ledger />} />
            <Route path="/search" element={<Search />} />
            <Route path="/reports" element={<Reports />} />
            <Route path="/queue" element={<QueuePage />} />
            <Route path="/audit" element={<Audit />} />
            <Route path="/plans/:id/evaluation" element={<Evaluation />} />
            <Route path="/public/plans/:id" element={<Public />} />
            <Route
              path="*"
              element={
                <Result
                  status="404"
                  title="404"
                  subTitle={t('没有这个页面。', 'There is no such page.')}
                  extra={<Link to="/">{t('返回总览', 'Back to overview')}</Link>}
                />
              }
            />
          </Routes>
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="app-footer">
        {t(
          '蓝图 Lantu · 规划纲要目标指标监测 · 每个数字都可追溯到原文',
          'Lantu · every figure traceable to its source',
        )}{' '}
        · <a href="/docs">{t('接口文档', 'API docs')}</a>
      </Layout.Footer>
    </Layout>
  );
}
