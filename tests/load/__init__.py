"""`make soak`: a bounded soak of members chatting plus page traffic (not run in CI)."""
