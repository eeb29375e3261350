import type { CliStream } from './cli-io';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Progress of anything that waits, on stderr so `--json` output on stdout stays clean. On a
 * terminal it is a spinner redrawn in place; elsewhere (CI logs, pipes) one line per step.
 */
export class Progress {
  #timer: ReturnType<typeof setInterval> | undefined;
  #label = '';
  #frame = 0;

  constructor(
    private readonly stream: CliStream,
    private readonly enabled: boolean,
  ) {}

  /** Shows that `label` is under way (`Creating payment on main`). */
  start(label: string): void {
    if (!this.enabled) return;
    this.stop();
    this.#label = label;
    if (!this.stream.isTTY) {
      this.stream.write(`… ${label}\n`);
      return;
    }
    this.#draw();
    this.#timer = setInterval(() => this.#draw(), 80);
    this.#timer.unref?.();
  }

  /** Ends the current step; the result is printed by the caller. */
  stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.stream.write('\r\u001b[2K');
  }

  #draw(): void {
    this.#frame = (this.#frame + 1) % FRAMES.length;
    this.stream.write(`\r\u001b[2K${FRAMES[this.#frame]} ${this.#label}`);
  }
}
