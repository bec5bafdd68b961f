"""Signature rules as data (YAML, one file per vendor or SDK); see README.md and schema.json.

A package only so that the rule files ship with the program (package data).
"""
