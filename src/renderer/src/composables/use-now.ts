import { getCurrentScope, onScopeDispose, readonly, ref, type Ref } from 'vue';

const TICK_MS = 10_000;
const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * A clock shared by every relative time on screen ("3 min ago"). One interval for all users,
 * stopped when the last one's scope is disposed.
 */
export function useNow(): Readonly<Ref<number>> {
  users += 1;
  if (timer === undefined) {
    now.value = Date.now();
    timer = setInterval(() => {
      now.value = Date.now();
    }, TICK_MS);
  }
  if (getCurrentScope()) {
    onScopeDispose(() => {
      users -= 1;
      if (users === 0 && timer !== undefined) {
        clearInterval(timer);
        timer = undefined;
      }
    });
  }
  return readonly(now);
}
