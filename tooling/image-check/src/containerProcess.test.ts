import { spawn } from 'node:child_process';
import { containerProcess } from './containerProcess';

test('finds the named process below a wrapper process, as buildah run starts it', async () => {
  // sh (the wrapper) → sleep (the container's process), like buildah run → node.
  const wrapper = spawn('sh', ['-c', 'sleep 30; true'], { stdio: 'ignore' });
  try {
    let found: number | undefined;
    for (let i = 0; i < 100 && found === undefined; i++) {
      found = containerProcess(wrapper.pid as number, 'sleep');
      if (found === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(found).toEqual(expect.any(Number));
    expect(found).not.toBe(wrapper.pid);
    expect(containerProcess(wrapper.pid as number, 'no-such-program')).toBeUndefined();
  } finally {
    wrapper.kill('SIGKILL');
  }
});
