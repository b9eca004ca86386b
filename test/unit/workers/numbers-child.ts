/**
 * A bounded task for bounded-worker.test: makes a list of `count` numbers, as a template
 * library's range() did, and answers with its length.
 */
import { serveBoundedTasks } from '../../../native-models/serve-bounded-tasks';

serveBoundedTasks<{ count: number }, number>(({ count }) => {
  const numbers: number[] = [];
  for (let index = 0; index < count; index++) numbers.push(index);
  return numbers.length;
});
