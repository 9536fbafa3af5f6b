"""Placeholder: replaced by the real endpoints."""

from rest_framework import viewsets

from canting.certification.models import Batch, Certification, Label, LabelRun, Standard, TestReport


class StandardViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Standard.objects.none()


class BatchViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Batch.objects.none()


class TestReportViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = TestReport.objects.none()


class CertificationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Certification.objects.none()


class LabelRunViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = LabelRun.objects.none()


class LabelViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Label.objects.none()
