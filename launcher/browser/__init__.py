"""The Qt WebEngine shell around one exam session: profile, interceptor, page policy, JS API."""
