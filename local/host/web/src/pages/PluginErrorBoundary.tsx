import { Alert } from '@grafana/ui';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error?: Error;
}

/** Grafana's PluginErrorBoundary with an ErrorWithStack-like fallback: the plugin's crash stays inside its page. */
export class PluginErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Plugin crashed', error, info.componentStack);
  }

  render() {
    if (this.state.error) {
      return (
        <Alert severity="error" title="An unexpected error happened">
          <pre>{this.state.error.stack ?? this.state.error.message}</pre>
        </Alert>
      );
    }
    return this.props.children;
  }
}
