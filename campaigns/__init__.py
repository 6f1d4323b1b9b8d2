"""Survivor-led prevention campaigns (Wagtail pages, pledges, feeds). Not built yet."""
