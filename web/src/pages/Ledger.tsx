// 任务台账: a plan's tasks by unit, state and overdue; the unit reports progress, the planner closes (销号);
// the 考核 ranking of the units. Types come from the server's own modules, never declared a second time.
import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ProjectLedgerEntry, Task, TaskAttachment, Unit, UnitScore } from '../../../src/ledger';
import {
  postJson,
  uploadFile,
  type DocumentSummary,
  type Page,
  type RegionCadence,
  type UnitImportResult,
} from '../api';
import { Downloads } from '../components/Downloads';
import { FormDialog, useWrite } from '../components/FormDialog';
import { useLang } from '../i18n';
import { useApi } from '../useApi';

const STATE_COLOR: Record<string, string> = {
  未启动: 'default',
  推进中: 'blue',
  待销号: 'gold',
  已完成: 'green',
};
const STATE_EN: Record<string, string> = {
  未启动: 'Not started',
  推进中: 'In progress',
  待销号: 'Awaiting closure',
  已完成: 'Closed',
};
const OVERDUE_EN: Record<string, string> = { 逾期未报: 'Report overdue', 逾期未完成: 'Past deadline' };

interface ReportValues {
  progress: string;
  percent?: string;
  problems?: string;
  next_steps?: string;
}

function ReportDialog({ task, onDone }: { task: Task | null; onDone: () => void }) {
  const { t } = useLang();
  return (
    <FormDialog<ReportValues>
      open={task !== null}
      title={`${t('报送进展', 'Report progress')}：${task?.title ?? ''}`}
      okText={t('报送', 'Submit')}
      className="report-form"
      send={(values) =>
        postJson(`/api/tasks/${task!.id}/reports`, {
          progress: values.progress,
          percent: values.percent || null,
          problems: values.problems || null,
          next_steps: values.next_steps || null,
        })
      }
      done={t('进展已报送', 'Progress reported')}
      onDone={onDone}
    >
      <Form.Item
        name="progress"
        label={t('进展情况', 'Progress')}
        rules={[{ required: true, message: t('请填写进展情况', 'Required') }]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="percent" label={t('完成比例（%）', 'Done (%)')}>
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item name="problems" label={t('存在问题', 'Problems')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="next_steps" label={t('下步计划', 'Next steps')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormDialog>
  );
}

interface AssignValues {
  lead_unit_id: number;
  supporting_unit_ids?: number[];
  responsible?: string;
  due_date: string;
}

function AssignDialog({ task, units, onDone }: { task: Task | null; units: Unit[]; onDone: () => void }) {
  const { t } = useLang();
  const options = units.map((u) => ({ value: u.id, label: u.short_name ?? u.name }));
  return (
    <FormDialog<AssignValues>
      open={task !== null}
      title={`${t('指派任务', 'Assign task')}：${task?.title ?? ''}`}
      okText={t('保存', 'Save')}
      className="assign-form"
      initialValues={{
        lead_unit_id: task?.lead_unit_id ?? undefined,
        supporting_unit_ids: task?.supporting_unit_ids ?? [],
        responsible: task?.responsible ?? '',
        due_date: task?.due_date,
      }}
      send={(values) =>
        postJson(
          `/api/tasks/${task!.id}`,
          {
            lead_unit_id: values.lead_unit_id,
            supporting_unit_ids: values.supporting_unit_ids ?? [],
            responsible: values.responsible || null,
            due_date: values.due_date,
          },
          'PATCH',
        )
      }
      done={t('已指派', 'Assigned')}
      onDone={onDone}
    >
      <Form.Item name="lead_unit_id" label={t('牵头单位', 'Lead unit')} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          options={options}
          aria-label={t('牵头单位', 'Lead unit')}
        />
      </Form.Item>
      <Form.Item name="supporting_unit_ids" label={t('配合单位', 'Supporting units')}>
        <Select mode="multiple" optionFilterProp="label" options={options} />
      </Form.Item>
      <Form.Item name="responsible" label={t('责任人', 'Responsible person')}>
        <Input />
      </Form.Item>
      <Form.Item
        name="due_date"
        label={t('完成时限', 'Deadline')}
        extra={t('可填 2026-12-31、2026年12月或2026年底', 'e.g. 2026-12-31, 2026年12月 or 2026年底')}
        rules={[{ required: true, message: t('请填写完成时限', 'Required') }]}
      >
        <Input />
      </Form.Item>
    </FormDialog>
  );
}

const CADENCE_LABELS: Record<RegionCadence['cadence'], [string, string]> = {
  month: ['月报', 'Monthly'],
  quarter: ['季报', 'Quarterly'],
  half: ['半年报', 'Half-yearly'],
  year: ['年报', 'Yearly'],
};

/** The region's reporting cadence: what is due and overdue in the ledger follows it. */
function CadencePicker({ regionId, onChange }: { regionId: number; onChange: () => void }) {
  const { t } = useLang();
  const cadence = useApi<RegionCadence>(`/api/regions/${regionId}/cadence`);
  const write = useWrite();
  return (
    <Select
      size="small"
      className="cadence-picker"
      aria-label={t('报送周期', 'Reporting cadence')}
      style={{ width: 120 }}
      value={cadence.data?.cadence}
      onChange={(value: RegionCadence['cadence']) =>
        write(
          () => postJson(`/api/regions/${regionId}/cadence`, { cadence: value }, 'PUT'),
          () => t(`报送周期已设为${CADENCE_LABELS[value][0]}`, `Cadence set to ${CADENCE_LABELS[value][1]}`),
          () => {
            cadence.reload();
            onChange();
          },
        )
      }
      options={Object.entries(CADENCE_LABELS).map(([value, [zh, en]]) => ({ value, label: t(zh, en) }))}
    />
  );
}

/** Import the 责任单位名单; a list with errors stores nothing and its errors are shown row by row. */
function UnitImport({ regionId, onDone }: { regionId: number | null; onDone: () => void }) {
  const { t } = useLang();
  const { message } = AntApp.useApp();
  const [errors, setErrors] = useState<UnitImportResult['errors']>([]);
  const send = async (file: File) => {
    const { body } = await uploadFile<UnitImportResult>(
      '/api/units/import',
      file,
      regionId === null ? {} : { region_id: regionId },
    );
    setErrors(body.errors);
    if (body.errors.length === 0) {
      message.success(
        t(
          `已导入责任单位名单：新增 ${body.created} 个，更新 ${body.updated} 个`,
          `Unit list imported: ${body.created} added, ${body.updated} updated`,
        ),
      );
      onDone();
    }
  };
  return (
    <>
      <Upload
        accept=".xlsx,.csv"
        showUploadList={false}
        beforeUpload={(file) => {
          send(file).catch((e: unknown) => message.error(String((e as Error).message ?? e)));
          return false;
        }}
      >
        <Button size="small" icon={<UploadOutlined />} className="unit-import">
          {t('导入责任单位名单', 'Import unit list')}
        </Button>
      </Upload>
      <Modal
        open={errors.length > 0}
        title={t('责任单位名单有误，未导入', 'The unit list has errors; nothing was stored')}
        onCancel={() => setErrors([])}
        footer={null}
      >
        <List
          size="small"
          className="unit-import-errors"
          dataSource={errors}
          renderItem={(e) => (
            <List.Item>
              {t(`第 ${e.row} 行`, `Row ${e.row}`)}
              {e.column ? `（${e.column}）` : ''}：{e.message}
            </List.Item>
          )}
        />
      </Modal>
    </>
  );
}

/** A task's evidence files: listed with their size, downloaded as attachments, and uploaded by the unit. */
function AttachmentsDialog({ task, onClose }: { task: Task | null; onClose: () => void }) {
  const { t } = useLang();
  const { message } = AntApp.useApp();
  const files = useApi<{ items: TaskAttachment[] }>(task ? `/api/tasks/${task.id}/attachments` : null);
  return (
    <Modal
      open={task !== null}
      title={`${t('佐证材料', 'Evidence files')}：${task?.title ?? ''}`}
      onCancel={onClose}
      footer={null}
      className="attachments-dialog"
    >
      <List
        size="small"
        className="attachment-list"
        loading={files.loading}
        locale={{ emptyText: t('尚无附件', 'No files yet') }}
        dataSource={files.data?.items ?? []}
        renderItem={(f) => (
          <List.Item>
            <a href={`/api/attachments/${f.id}`}>{f.name}</a>
            <span>
              {(f.size / 1024).toFixed(1)} KB · {f.uploaded_by}
            </span>
          </List.Item>
        )}
      />
      <Upload
        showUploadList={false}
        beforeUpload={(file) => {
          uploadFile<TaskAttachment>(`/api/tasks/${task!.id}/attachments`, file)
            .then(({ status, body }) => {
              if (status === 201) {
                message.success(t(`已上传 ${body.name}`, `Uploaded ${body.name}`));
                files.reload();
              } else message.error((body as unknown as { message?: string }).message ?? String(status));
            })
            .catch((e: unknown) => message.error(String((e as Error).message ?? e)));
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} className="attachment-upload">
          {t('上传佐证材料', 'Upload a file')}
        </Button>
      </Upload>
    </Modal>
  );
}

function Tasks({ plan }: { plan: DocumentSummary }) {
  const { t, lang } = useLang();
  const [unit, setUnit] = useState<number | undefined>();
  const [state, setState] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [reporting, setReporting] = useState<Task | null>(null);
  const [assigning, setAssigning] = useState<Task | null>(null);
  const [attaching, setAttaching] = useState<Task | null>(null);
  const filters = { document_id: plan.id, lead_unit_id: unit, state, overdue: overdue || undefined };
  const tasks = useApi<Page<Task>>('/api/tasks', { ...filters, limit: 1000 });
  const units = useApi<Page<Unit>>('/api/units', { region_id: plan.region_id ?? undefined, limit: 1000 });
  const write = useWrite();
  const act = (path: string, body: unknown, done: string) =>
    write(
      () => postJson(path, body),
      () => done,
      tasks.reload,
    );
  if (tasks.error) return <Alert type="error" showIcon title={tasks.error.message} />;
  if (tasks.data && tasks.data.total === 0 && !unit && !state && !overdue)
    return (
      <Empty description={t('本规划尚未分解任务。', 'This plan has not been decomposed into tasks yet.')}>
        <Button
          type="primary"
          className="propose-decomposition"
          onClick={() =>
            act(
              `/api/plans/${plan.id}/decomposition`,
              {},
              t('已生成任务分解草案，请逐项确认牵头单位', 'Draft created'),
            )
          }
        >
          {t('生成任务分解草案', 'Propose a draft decomposition')}
        </Button>
      </Empty>
    );
  return (
    <Card
      size="small"
      title={t('任务台账', 'Task ledger')}
      extra={
        <Space wrap>
          {plan.region_id !== null && <CadencePicker regionId={plan.region_id} onChange={tasks.reload} />}
          <UnitImport regionId={plan.region_id ?? null} onDone={units.reload} />
          <Button size="small" href={`/api/task-sheet?document_id=${plan.id}&format=xlsx`}>
            {t('下载任务分解表', 'Task sheet (XLSX)')}
          </Button>
          <Downloads path="/api/tasks" params={filters} />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          aria-label={t('牵头单位', 'Lead unit')}
          placeholder={t('全部牵头单位', 'All lead units')}
          style={{ width: 200 }}
          value={unit}
          onChange={setUnit}
          options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.short_name ?? u.name }))}
        />
        <Select
          allowClear
          aria-label={t('状态', 'State')}
          placeholder={t('全部状态', 'All states')}
          style={{ width: 140 }}
          value={state}
          onChange={setState}
          options={Object.keys(STATE_COLOR).map((s) => ({
            value: s,
            label: lang === 'zh' ? s : STATE_EN[s],
          }))}
        />
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)} className="overdue-only">
          {t('只看逾期', 'Overdue only')}
        </Checkbox>
      </Space>
      <Table<Task>
        size="small"
        rowKey="id"
        className="task-table"
        loading={tasks.loading}
        dataSource={tasks.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('任务', 'Task'), dataIndex: 'title', width: 260 },
          { title: t('目标', 'Goal'), dataIndex: 'goal', width: 160, render: (v: string | null) => v ?? '—' },
          {
            title: t('牵头单位', 'Lead unit'),
            dataIndex: 'lead_unit',
            width: 150,
            render: (v: string | null) => v ?? '—',
          },
          { title: t('完成时限', 'Deadline'), dataIndex: 'due_date', width: 110 },
          {
            title: t('状态', 'State'),
            dataIndex: 'state',
            width: 150,
            render: (s: string, task) => (
              <Space size={4} wrap>
                <Tag color={STATE_COLOR[s]}>{lang === 'zh' ? s : STATE_EN[s]}</Tag>
                {task.overdue && (
                  <Tag color="red" className="overdue-tag">
                    {lang === 'zh' ? task.overdue : OVERDUE_EN[task.overdue]}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 220,
            render: (_: unknown, task) => (
              <Space size={4} wrap>
                {task.state !== '已完成' && (
                  <Button size="small" onClick={() => setAssigning(task)}>
                    {t('指派', 'Assign')}
                  </Button>
                )}
                {task.state !== '已完成' && (
                  <Button size="small" onClick={() => setReporting(task)}>
                    {t('报送进展', 'Report')}
                  </Button>
                )}
                <Button size="small" className="attachments" onClick={() => setAttaching(task)}>
                  {t('附件', 'Files')}
                </Button>
                {(task.state === '推进中' || task.state === '未启动') && (
                  <Button
                    size="small"
                    onClick={() =>
                      act(
                        `/api/tasks/${task.id}/close`,
                        { action: 'request' },
                        t('已申请销号', 'Closure requested'),
                      )
                    }
                  >
                    {t('申请销号', 'Ask to close')}
                  </Button>
                )}
                {task.state === '待销号' && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      act(`/api/tasks/${task.id}/close`, { action: 'confirm' }, t('已销号', 'Closed'))
                    }
                  >
                    {t('确认销号', 'Confirm closure')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <AssignDialog
        task={assigning}
        units={units.data?.items ?? []}
        onDone={() => {
          setAssigning(null);
          tasks.reload();
        }}
      />
      <AttachmentsDialog task={attaching} onClose={() => setAttaching(null)} />
      <ReportDialog
        task={reporting}
        onDone={() => {
          setReporting(null);
          tasks.reload();
        }}
      />
    </Card>
  );
}

interface ProjectValues {
  annual_plan_investment?: string;
  completed_investment?: string;
  stage: string;
}

function ProjectUpdateDialog({
  project,
  onDone,
}: {
  project: ProjectLedgerEntry | null;
  onDone: () => void;
}) {
  const { t } = useLang();
  return (
    <FormDialog<ProjectValues>
      open={project !== null}
      title={`${t('更新项目进度', 'Update project')}：${project?.name ?? ''}`}
      okText={t('保存', 'Save')}
      initialValues={{
        completed_investment: project?.completed_investment ?? '',
        annual_plan_investment: project?.annual_plan_investment ?? '',
        stage: project?.stage,
      }}
      send={(values) =>
        postJson(
          `/api/project-ledger/${project!.id}`,
          {
            completed_investment: values.completed_investment || null,
            annual_plan_investment: values.annual_plan_investment || null,
            stage: values.stage,
          },
          'PATCH',
        )
      }
      done={t('项目进度已更新', 'Project updated')}
      onDone={onDone}
    >
      <Form.Item
        name="annual_plan_investment"
        label={t('年度计划投资（亿元）', 'Planned this year (100 M yuan)')}
      >
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item
        name="completed_investment"
        label={t('累计完成投资（亿元）', 'Invested so far (100 M yuan)')}
      >
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item name="stage" label={t('阶段', 'Stage')}>
        <Select options={['前期', '在建', '竣工'].map((v) => ({ value: v, label: v }))} />
      </Form.Item>
    </FormDialog>
  );
}

function Projects({ plan }: { plan: DocumentSummary }) {
  const { t } = useLang();
  const [editing, setEditing] = useState<ProjectLedgerEntry | null>(null);
  const params = { region_id: plan.region_id ?? undefined };
  const ledger = useApi<Page<ProjectLedgerEntry>>('/api/project-ledger', { ...params, limit: 1000 });
  const write = useWrite();
  const seed = () =>
    write(
      () => postJson<{ created: number }>(`/api/plans/${plan.id}/project-ledger`, {}),
      ({ created }) => t(`已从专栏导入 ${created} 个项目`, `${created} projects added from the plan`),
      ledger.reload,
    );
  if (ledger.error) return <Alert type="error" showIcon title={ledger.error.message} />;
  return (
    <Card
      size="small"
      title={t('项目台账', 'Project ledger')}
      extra={
        <Space wrap>
          <Button size="small" onClick={seed}>
            {t('从规划专栏导入项目', 'Add the plan’s projects')}
          </Button>
          <Downloads path="/api/project-ledger" params={params} />
        </Space>
      }
    >
      <Table<ProjectLedgerEntry>
        size="small"
        rowKey="id"
        loading={ledger.loading}
        dataSource={ledger.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('项目', 'Project'), dataIndex: 'name', width: 280 },
          {
            title: t('总投资（亿元）', 'Total'),
            dataIndex: 'total_investment',
            width: 110,
            render: (v) => v ?? '—',
          },
          {
            title: t('累计完成（亿元）', 'Done'),
            dataIndex: 'completed_investment',
            width: 120,
            render: (v) => v ?? '—',
          },
          {
            title: t('完成率', 'Rate'),
            dataIndex: 'completion_rate',
            width: 90,
            render: (v) => (v === null ? '—' : `${v}%`),
          },
          { title: t('阶段', 'Stage'), dataIndex: 'stage', width: 80 },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, p) => (
              <Button size="small" onClick={() => setEditing(p)}>
                {t('更新', 'Update')}
              </Button>
            ),
          },
        ]}
      />
      <ProjectUpdateDialog
        project={editing}
        onDone={() => {
          setEditing(null);
          ledger.reload();
        }}
      />
    </Card>
  );
}

function Assessment({ plan }: { plan: DocumentSummary }) {
  const { t } = useLang();
  const { data, error } = useApi<{ items: UnitScore[] }>(plan.region_id === null ? null : '/api/assessment', {
    region_id: plan.region_id ?? undefined,
  });
  if (error) return <Alert type="error" showIcon title={error.message} />;
  return (
    <Card size="small" title={t('单位考核排名', 'Unit assessment')}>
      <Table<UnitScore>
        size="small"
        rowKey="unit_id"
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('名次', 'Rank'), dataIndex: 'rank', width: 70 },
          { title: t('单位', 'Unit'), dataIndex: 'unit' },
          { title: t('得分', 'Score'), dataIndex: 'score', width: 90 },
          {
            title: t('构成', 'Components'),
            key: 'components',
            render: (_: unknown, s) => s.components.map((c) => `${c.label} ${c.points}/${c.of}`).join('；'),
          },
        ]}
      />
    </Card>
  );
}

export default function Ledger() {
  const { t } = useLang();
  const [params, setParams] = useSearchParams();
  const plans = useApi<Page<DocumentSummary>>('/api/plans', { limit: 1000 });
  const planId = Number(params.get('plan')) || plans.data?.items[0]?.id;
  const plan = plans.data?.items.find((p) => p.id === planId);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} className="ledger-page">
      <Space wrap>
        <h2 style={{ margin: 0 }}>{t('实施台账', 'Implementation ledger')}</h2>
        <Select
          aria-label={t('选择规划', 'Plan')}
          style={{ minWidth: 320 }}
          value={planId}
          onChange={(id: number) => setParams({ plan: String(id) })}
          options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title ?? p.filename }))}
        />
      </Space>
      {plan ? (
        <Tabs
          items={[
            { key: 'tasks', label: t('任务台账', 'Tasks'), children: <Tasks plan={plan} /> },
            { key: 'projects', label: t('项目台账', 'Projects'), children: <Projects plan={plan} /> },
            { key: 'assessment', label: t('考核', 'Assessment'), children: <Assessment plan={plan} /> },
          ]}
        />
      ) : (
        !plans.loading && <Empty description={t('还没有规划纲要。', 'No plan yet.')} />
      )}
    </Space>
  );
}
