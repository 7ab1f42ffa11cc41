// Entry of an exposure grid worker thread: registers tsx's loader in this thread (workers do not inherit the main
// thread's module hooks, under tsx or vitest alike), then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./exposure-worker.ts');
