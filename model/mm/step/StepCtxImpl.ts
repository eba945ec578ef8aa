/** The step context runStep gives a step body (the StepCtx interface of Program.ts). */
import { ModelError } from '../../../src/engine/Model.js';
import type { Geometry } from '../Geometry.js';
import type { LockMode } from '../locks.js';
import { acquire, release, tryAcquire } from '../locks.js';
import type { Locals, MmState, ProgFrame, Scalar, SiteConfig, Thread, ThreadConfig } from '../MmState.js';
import { CALLED, type Called } from './control.js';
import type { CompiledProgram, Program, StepCtx, TypedProgram } from './Program.js';
import type { ProgramRegistry } from './ProgramRegistry.js';
import { resolveVma } from './resolveVma.js';
import { mutFrames, mutTopFrame, mutTopLocals } from '../mutate.js';
import { isContended } from './currentStep.js';

export class StepCtxImpl<L extends object = Locals> implements StepCtx<L> {
  constructor(
    /** The immer draft of the whole state. */
    readonly s: MmState,
    readonly tid: number,
    /** Which of the step's outcomes runs. */
    readonly outcome: number,
    private readonly registry: ProgramRegistry,
    /** The program of the top frame (the callee's once the step calls one). */
    private prog: CompiledProgram,
  ) {}

  /** The program of the top frame: the callee's after a call (runStep.ts reads it to go on without a lookup). */
  get program(): CompiledProgram {
    return this.prog;
  }

  private thread?: Thread;
  private top?: ProgFrame;
  private locals?: Locals;

  /** This thread (draft). */
  get t(): Thread {
    return (this.thread ??= this.s.threads[this.tid]!);
  }

  /** The top frame (writable: the cow backend copies it for the step). */
  get frame(): ProgFrame {
    return (this.top ??= mutTopFrame(this.t));
  }

  /** The top frame's locals (writable; assign only declared locals). */
  get l(): L {
    return (this.locals ??= mutTopLocals(this.t, this.prog.copyLocals)) as L;
  }

  get cfg(): ThreadConfig {
    return this.s.cfg.threads[this.tid]!;
  }

  get g(): Geometry {
    return this.s.cfg.geometry;
  }

  /** A number local (ModelError when it is not a number). */
  n(name: string): number {
    const v = (this.l as Locals)[name];
    if (typeof v !== 'number') throw new ModelError(`${this.where()}: local ${name} is ${String(v)}, not a number`);
    return v;
  }

  /**
   * Calls `prog` (a program, looked up by its name so that a mutant's
   * replacement runs) with `args`; the caller resumes at `ret`. Return the
   * result from the step body.
   */
  call<A, const R extends string>(prog: TypedProgram<A>, args: A, ret: R): Called<R>;
  call<const R extends string>(prog: string, args: Locals, ret: R): Called<R>;
  call(prog: string | Program, args: Locals, ret: string): string {
    const name = typeof prog === 'string' ? prog : prog.name;
    const p = this.registry.get(name);
    (this.frame as { pc: string }).pc = ret;
    mutFrames(this.t).push({ prog: name, pc: p.steps[0]!.label, locals: p.locals(args) });
    this.top = undefined;
    this.locals = undefined;
    this.prog = p;
    return CALLED;
  }

  /** Calls a program found by name at run time (a mirror's callback): see call. */
  callByName<const R extends string>(prog: string, args: Locals, ret: R): Called<R> {
    return this.call(prog, args, ret);
  }

  /** True when another thread could hold `lock` now (see StepView.contended): a trylock may fail. */
  contended(lock: string): boolean {
    return isContended(this.registry, this.s, this.tid, lock);
  }

  /** True when a program of that name is registered (e.g. a mirror implements a callback). */
  has(prog: string): boolean {
    return this.registry.has(prog);
  }

  /** Sets the return value register (read by the caller as `c.t.rv`). */
  ret(v: Scalar): void {
    (this.t as { rv: Scalar }).rv = v;
  }

  lock(name: string, mode: LockMode = 'w'): void {
    acquire(this.s, this.t, this.tid, name, mode);
  }

  tryLock(name: string, mode: LockMode = 'w'): boolean {
    return tryAcquire(this.s, this.t, this.tid, name, mode);
  }

  unlock(name: string, mode: LockMode = 'w'): void {
    release(this.s, this.t, this.tid, name, mode);
  }

  /** The event and vma expression this thread's site `id` passes (from the scenario / catalog). */
  site(id: string): SiteConfig {
    const sc = this.cfg.sites[id];
    if (!sc) throw new ModelError(`${this.where()}: no site config for site ${id} (thread ${this.cfg.name})`);
    return sc;
  }

  /** Resolves a vma source expression against the top frame's locals (see resolveVma). */
  vma(expr: string): number | null {
    return resolveVma(expr, this.l as Locals, this.where());
  }

  /** Where we are, for error messages: `thread/prog:label`. */
  where(): string {
    return `${this.cfg.name}/${this.frame.prog}:${this.frame.pc}`;
  }

  fail(msg: string): never {
    throw new ModelError(`${this.where()}: ${msg}`);
  }
}
