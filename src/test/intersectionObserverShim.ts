// Tests only: scenes' lazy loader reads IntersectionObserver when it is imported, and jsdom has none.
global.IntersectionObserver = class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof IntersectionObserver;
