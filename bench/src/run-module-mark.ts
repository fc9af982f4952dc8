// The line prefix run-module.ts prints its result after (kept apart so importing it runs nothing).
export const RESULT_MARK = '__WXMP_BENCH_RESULT__ '
