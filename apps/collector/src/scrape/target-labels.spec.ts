import { withTargetLabels } from './target-labels';

describe('withTargetLabels', () => {
  const target = { job: 'neo', instance: 'h:1' };

  it('keeps a clashing exposed label as exported_<name> and drops empty values', () => {
    expect(withTargetLabels({ __name__: 'm', job: 'other', instance: '', x: '' }, target)).toEqual({
      __name__: 'm',
      exported_job: 'other',
      job: 'neo',
      instance: 'h:1',
    });
  });

  it('lets exposed labels win with honor_labels', () => {
    expect(withTargetLabels({ __name__: 'm', job: 'pushed', instance: '' }, target, true)).toEqual({
      __name__: 'm',
      job: 'pushed',
      instance: 'h:1',
    });
  });
});
