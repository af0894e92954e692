// The ledger's records as the API gives them: shared by the store, the server and the web app (declared once).
import type { Overdue, TaskState } from './tasks.js';

export interface Unit {
  id: number;
  region_id: number | null;
  name: string;
  short_name: string | null;
  kind: string;
  contact: string | null;
  /** The unit it belongs to, when the unit list names one. */
  parent_id: number | null;
}

/** A file kept as evidence of a task's progress (its bytes are downloaded on their own). */
export interface TaskAttachment {
  id: number;
  task_id: number;
  report_id: number | null;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  uploaded_at: string;
  uploaded_by: string;
}

export interface Milestone {
  year: number;
  goal: string;
}

export interface Task {
  id: number;
  region_id: number | null;
  document_id: number | null;
  source_kind: string;
  source_id: number | null;
  line: number | null;
  quote: string | null;
  title: string;
  goal: string | null;
  lead_unit_id: number | null;
  lead_unit: string | null;
  supporting_unit_ids: number[];
  responsible: string | null;
  due_date: string;
  milestones: Milestone[];
  state: TaskState;
  lead_reason: string | null;
  note: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
  /** Computed for the day asked about; never stored. */
  overdue: Overdue | null;
  last_period: string | null;
}

export interface TaskReport {
  id: number;
  task_id: number;
  period: string;
  progress: string;
  percent: string | null;
  problems: string | null;
  next_steps: string | null;
  attachments: string[];
  reported_at: string;
  reported_by: string;
}

export interface ProjectLedgerEntry {
  id: number;
  region_id: number | null;
  /** The plan's 专栏 project it started from, when it did. */
  project_id: number | null;
  name: string;
  content: string | null;
  /** 亿元, exact decimal text. */
  total_investment: string | null;
  annual_plan_investment: string | null;
  completed_investment: string | null;
  /** 完成率 in per cent (completed ÷ total), computed. */
  completion_rate: string | null;
  start_date: string | null;
  finish_date: string | null;
  stage: string;
  lead_unit_id: number | null;
  leader: string | null;
  updated_at: string;
  updated_by: string;
}
