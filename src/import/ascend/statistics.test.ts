import { describe, expect, it } from 'vitest';
import { parseStatistics } from './statistics';
import { API_STATISTIC_NEW, L2_CACHE, OP_STATISTIC, tableOf } from './test-csv';
import { warningJson } from '../../model/summarize-profile';

describe('parseStatistics', () => {
  it('keeps op_statistic as a table and reports bad numbers', async () => {
    const { table, warnings } = parseStatistics(
      'op_statistic.csv',
      await tableOf(OP_STATISTIC, 'op_statistic.csv'),
    );
    expect(table.rows).toHaveLength(2);
    expect(warnings.map(warningJson)).toEqual([
      {
        code: 'bad_number',
        count: 1,
        example: 'op_statistic.csv row 2, column "Total Time(us)": "oops" is not a number',
      },
    ]);
  });

  it('accepts the newer leading Device_id and N/A hit rates', async () => {
    const api = parseStatistics('api_statistic.csv', await tableOf(API_STATISTIC_NEW));
    expect(api.warnings).toEqual([]);
    expect(api.table.header[0]).toBe('Device_id');
    const l2 = parseStatistics('l2_cache.csv', await tableOf(L2_CACHE));
    expect(l2.warnings).toEqual([]);
    expect(l2.table.rows[0]).toEqual(['2', '11062', 'N/A', '0.213463', 'trans_TransData_1']);
  });
});
