import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError, setUnauthorizedHandler } from './api/client.ts';
import { keys, signedOut } from './api/hooks.ts';
import { App } from './App.tsx';
import { loadLocale } from './i18n/i18n.ts';
import { storedLocale } from './i18n/language.ts';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Live events keep screens current; refetching on every focus would only add load.
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});

// A 401 anywhere means the session is gone: back to the login screen, nothing else cached.
setUnauthorizedHandler(() => {
  if (queryClient.getQueryData(keys.me) === null) return;
  signedOut(queryClient);
});

// Most visits come from someone who was here before: their language downloads alongside the session instead of after it.
const lastUsed = storedLocale.get();
if (lastUsed) void loadLocale(lastUsed).catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
