/**
 * A small push-to-pull queue: the run pushes events, one consumer iterates them. When
 * the consumer stops early (`break` out of `for await`), the channel closes and calls
 * `onReturn`, so the producer can stop too.
 */
export interface EventChannel<T> {
  push(value: T): void;
  close(): void;
  iterate(): AsyncIterator<T>;
}

export function eventChannel<T>(onReturn?: () => void): EventChannel<T> {
  const buffer: T[] = [];
  let head = 0;
  let closed = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  return {
    push(value) {
      if (closed) return;
      buffer.push(value);
      notify();
    },
    close() {
      closed = true;
      notify();
    },
    iterate() {
      return {
        async next(): Promise<IteratorResult<T>> {
          while (head >= buffer.length) {
            if (closed) return { done: true, value: undefined };
            await new Promise<void>((resolve) => (wake = resolve));
          }
          const value = buffer[head]!;
          buffer[head++] = undefined as T; // let consumed events be collected
          return { done: false, value };
        },
        async return(): Promise<IteratorResult<T>> {
          const wasOpen = !closed;
          closed = true;
          buffer.length = head = 0;
          if (wasOpen) onReturn?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
