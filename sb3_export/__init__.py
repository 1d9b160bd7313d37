"""Turns a runtime NetworkSpec and its trained parameters into a Scratch 3 project (.sb3)."""
