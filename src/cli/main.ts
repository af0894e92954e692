#!/usr/bin/env node
// The `lantu` command: each subcommand lives in ./commands and registers itself on the program here.
import { Command } from 'commander';
import { registerAudit } from './commands/audit.js';
import { registerDerive } from './commands/derive.js';
import { registerEval } from './commands/eval.js';
import { registerExtract } from './commands/extract.js';
import { registerIngest } from './commands/ingest.js';
import { registerServe } from './commands/serve.js';
import { registerObservations } from './commands/observations.js';
import { registerReport } from './commands/report.js';
import { registerWorker } from './commands/worker.js';
import { registerUser } from './commands/user.js';

const program = new Command();
program
  .name('lantu')
  .description('蓝图 Lantu — 规划纲要监测：读取规划、政府工作报告和统计公报，抽取指标、目标与进展并附出处')
  .version('0.1.0');

registerExtract(program);
registerEval(program);
registerIngest(program);
registerDerive(program);
registerServe(program);
registerObservations(program);
registerReport(program);
registerWorker(program);
registerAudit(program);
registerUser(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`lantu: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
