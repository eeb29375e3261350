// A child for run-source-process.test.ts: prints what it was given, then exits as asked. The
// type annotation makes it a file plain Node could not run without tsx.
const [exitCode = '0', ...rest]: string[] = process.argv.slice(2);
process.stdout.write(`${JSON.stringify({ rest, cwd: process.cwd(), marker: process.env.PAYMUX_TEST_MARKER })}\n`);
process.stderr.write('to stderr\n');
if (exitCode === 'hang') setInterval(() => {}, 1000);
else process.exitCode = Number(exitCode);
