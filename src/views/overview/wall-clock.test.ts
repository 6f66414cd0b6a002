import { describe, expect, it } from 'vitest';
import { wallClock } from './wall-clock';

describe('wallClock', () => {
  it('shows epoch times as dates and leaves trace-relative zeros alone', () => {
    expect(wallClock('1736412474607917240')).toMatch(/2025/);
    expect(wallClock('0')).toBeNull();
    expect(wallClock('not a number')).toBeNull();
  });
});
