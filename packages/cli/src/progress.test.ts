import { describe, expect, it } from 'vitest';
import { TextSink } from './cli-test-support';
import { Progress } from './progress';

class TtySink extends TextSink {
  override readonly isTTY: boolean = true;
}

describe('Progress', () => {
  it('writes one line per step when stderr is not a terminal, and nothing when quiet', () => {
    const sink = new TextSink();
    const progress = new Progress(sink, true);
    progress.start('Creating payment on main');
    progress.stop();
    progress.start('Reading payment p1');
    progress.stop();
    expect(sink.text).toBe('… Creating payment on main\n… Reading payment p1\n');

    const quiet = new TextSink();
    new Progress(quiet, false).start('Creating payment');
    expect(quiet.text).toBe('');
  });

  it('draws a spinner in place on a terminal and clears it when done', () => {
    const sink = new TtySink();
    const progress = new Progress(sink, true);
    progress.start('Starting the sandbox');
    progress.stop();
    const clear = '\r\u001b[2K';
    expect(sink.text.startsWith(clear)).toBe(true);
    expect(sink.text.endsWith(` Starting the sandbox${clear}`)).toBe(true);
    progress.stop();
    expect(sink.text.match(/\r/g)).toHaveLength(2);
  });
});
