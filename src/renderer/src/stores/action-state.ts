/**
 * The state a settings store keeps around main's answers: the status main last reported, the
 * action in flight (its button shows progress, the others wait), the last failure and a short
 * confirmation of the last action that worked. Shared by the credentials and network stores.
 */
import { ref, type Ref } from 'vue';
import type { Result, WorkbenchError } from '@shared/ipc/contract';

export interface ActionFailure<Action extends string> {
  action: Action;
  error: WorkbenchError;
}

export interface ActionNotice<Action extends string> {
  action: Action;
  message: string;
}

export function useActionState<Action extends string, Status>() {
  const status = ref(null) as Ref<Status | null>;
  const busy = ref(null) as Ref<Action | null>;
  const failure = ref(null) as Ref<ActionFailure<Action> | null>;
  /** e.g. "Password stored". */
  const notice = ref(null) as Ref<ActionNotice<Action> | null>;

  /** Runs one call to main as `action`: its value, or undefined with the failure recorded. */
  async function perform<T>(action: Action, call: () => Promise<Result<T>>): Promise<T | undefined> {
    busy.value = action;
    failure.value = null;
    notice.value = null;
    const result = await call();
    busy.value = null;
    if (result.ok) return result.value;
    failure.value = { action, error: result.error };
    return undefined;
  }

  /** A call that answers with a new status: kept, and `done` said; false when it failed. */
  async function applyStatus(action: Action, call: () => Promise<Result<Status>>, done: string): Promise<boolean> {
    const next = await perform(action, call);
    if (!next) return false;
    status.value = next;
    notice.value = { action, message: done };
    return true;
  }

  return { status, busy, failure, notice, perform, applyStatus };
}
