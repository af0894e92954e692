// The app's frame: the navigation of a government monitoring system, the signed-in user, the language switch.
import { UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Popover, Result, Segmented, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { Access } from '../../src/accounts/roles.js';
import { useLang } from './i18n';
import { roleName, useSession } from './session';
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
const Login = lazy(() => import('./pages/Login'));

function UserBox() {
  const { t, lang } = useLang();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  if (!user)
    return (
      <Button type="text" icon={<UserOutlined />} className="header-user" onClick={() => navigate('/login')}>
        <span className="hide-narrow">{t('登录', 'Sign in')}</span>
      </Button>
    );
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      content={
        <div style={{ width: 240 }} className="user-menu">
          <div>
            <strong>{user.display_name}</strong> ({user.login})
          </div>
          <div className="muted">
            {roleName(user.role, lang)}
            {user.unit ? ` · ${user.unit}` : ''}
          </div>
          <div className="muted">
            {t('地区范围', 'Regions')}: {user.regions.length ? user.regions.join('、') : t('全部', 'all')}
          </div>
          <Button
            block
            style={{ marginTop: 8 }}
            onClick={async () => {
              await signOut();
              navigate('/login');
            }}
          >
            {t('退出登录', 'Sign out')}
          </Button>
        </div>
      }
    >
      <Button type="text" icon={<UserOutlined />} className="header-user">
        <span className="hide-narrow">{user.display_name}</span>
      </Button>
    </Popover>
  );
}

export function App() {
  const { t, lang, setLang } = useLang();
  const { user, can } = useSession();
  const location = useLocation();
  const isPublic = location.pathname.startsWith('/public/');
  const isLogin = location.pathname === '/login';
  const section = '/' + (location.pathname.split('/')[1] ?? '');
  // Each page with what its role needs: a page the role cannot use is not offered.
  const pages: Array<{ key: string; label: string; access: Access }> = [
    { key: '/', label: t('总览', 'Overview'), access: 'read' },
    { key: '/indicators', label: t('指标监测', 'Indicators'), access: 'read' },
    { key: '/compare', label: t('区域对比', 'Compare'), access: 'read' },
    { key: '/review', label: t('检查与审核', 'Review'), access: 'review' },
    { key: '/data', label: t('数据填报', 'Data entry'), access: 'enter' },
    { key: '/approval', label: t('审核发布', 'Approval'), access: 'review' },
    { key: '/ledger', label: t('实施台账', 'Ledger'), access: 'read' },
    { key: '/reports', label: t('评估报告', 'Reports'), access: 'read' },
    { key: '/search', label: t('全文检索', 'Search'), access: 'read' },
    { key: '/documents', label: t('文档管理', 'Documents'), access: 'read' },
    { key: '/queue', label: t('导入队列', 'Import queue'), access: 'manage' },
    { key: '/audit', label: t('审计日志', 'Audit log'), access: 'comment' },
  ];
  const items = pages
    .filter((p) => can(p.access))
    .map((p) => ({ key: p.key, label: <Link to={p.key}>{p.label}</Link> }));
  // /documents is the document list; /documents/:id, a document in the reader, belongs to no menu item.
  const selected = section === '/documents' && location.pathname !== '/documents' ? '' : section;
  // Everything but the public page and sign-in needs an account: the anonymous visitor is asked to sign in.
  const needsSignIn = !isPublic && !isLogin && user === null;
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
        {!isPublic && user && (
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
          {!isPublic && user !== undefined && <UserBox />}
        </div>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Suspense fallback={<Spin className="page-spin" />}>
          {needsSignIn ? (
            <Login />
          ) : user === undefined && !isPublic ? (
            <Spin className="page-spin" />
          ) : (
            <Routes>
              <Route path="/login" element={<Login />} />
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
          )}
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
