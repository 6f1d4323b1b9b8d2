"""Who may see and do what in the Wagtail admin: the privacy rules of the
admin (other people's drafts and private uploads stay hidden, side doors into
the editor stay shut) and links that lead only where their viewer may go."""
