"""Jixiao 绩效自评工作台: offline workbench for public-finance performance self-evaluation."""

__version__ = "0.1.0"
