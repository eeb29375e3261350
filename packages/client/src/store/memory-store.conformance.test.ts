import { createMemoryStore } from '@paymux/core';
import { describeStoreConformance } from '@paymux/testkit';

// The memory store cannot be opened twice: "reopen" is the same instance, so the multi-instance
// races run between concurrent calls on one store and the restart test checks that close loses nothing.
describeStoreConformance('memory', {
  create: () => createMemoryStore(),
  reopen: (store) => store,
  sameInstance: true,
});
