/**
 * `npm run bench -- <name> [options]`: benchmarks that print numbers. Run on demand, never in CI.
 *   advice [--data FILE]   accuracy and speed of the advice engine (default data: ../shared/data/tenders-nl-ted.csv)
 *   bot [--messages N]     time from POSTed activity to reply at 1, 10 and 50 concurrent conversations
 *   tab                    initial JS (gzip), first contentful paint, search time per keystroke over 5,000 items
 *   nudges [--count N]     (tender, stage) nudges through timer, queue and a throttling Graph simulator
 *   sessions [--people N]  registration rush, 100 concurrent check-ins of one person, reach and XLSX over many sessions
 *   monitoring [--tenders N]  the year's monitoring report, the board's .docx and the CSV over many tenders
 *   advice-http [--records N] POST /api/advice with and without the neighbours' block over a region of N recorded tenders
 *   security               the security proof suite's families (tokens, isolation, bot): tried / correct each
 */
const [name, ...rest] = process.argv.slice(2);
const benches: Record<string, () => Promise<{ run: (args: string[]) => Promise<void> }>> = {
  advice: () => import('./bench/advice.js'),
  bot: () => import('./bench/bot.js'),
  tab: () => import('./bench/tab.js'),
  nudges: () => import('./bench/nudges.js'),
  sessions: () => import('./bench/sessions.js'),
  monitoring: () => import('./bench/monitoring.js'),
  'advice-http': () => import('./bench/advice-http.js'),
  security: () => import('./bench/security.js'),
};
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]`);
  process.exit(2);
}
await (await load()).run(rest);
