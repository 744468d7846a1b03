import { describe, expect, it } from 'vitest';
import { Mutex } from '../../src/db/mutex.js';

describe('Mutex', () => {
  it('hands the lock to waiters in arrival order, one at a time', async () => {
    const mutex = new Mutex();
    const order: string[] = [];
    const worker = async (name: string, ms: number) => {
      const release = await mutex.acquire();
      order.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      order.push(`${name} out`);
      release();
    };
    await Promise.all([worker('a', 20), worker('b', 1), worker('c', 1)]);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
    expect(mutex.locked).toBe(false);
  });
});
