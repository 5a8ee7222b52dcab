import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface Toast {
  id: number;
  level: 'info' | 'success' | 'error';
  message: string;
  /** One action offered with the message, e.g. Undo after a delete. */
  action?: { label: string; run: () => void | Promise<void> };
}

const LINGER_MS = { info: 8000, success: 6000, error: 15000 } as const;

/** Short-lived messages at the bottom of the window, announced to screen readers. */
export const useToastsStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([]);
  let next = 1;

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((toast) => toast.id !== id);
  }

  function show(toast: Omit<Toast, 'id'>): number {
    const id = next;
    next += 1;
    toasts.value = [...toasts.value.slice(-3), { ...toast, id }];
    setTimeout(() => dismiss(id), LINGER_MS[toast.level]);
    return id;
  }

  async function runAction(toast: Toast): Promise<void> {
    dismiss(toast.id);
    await toast.action?.run();
  }

  return { toasts, show, dismiss, runAction };
});
