"""Pieces of Wagtail content that more than one feature uses: StreamField
blocks and what every editorial review step has in common.

Below the feature apps and `home`, above `people`: it may import `people`
(and what `people` builds on), never a feature app or `home`.
"""
