"""Placeholder: replaced by the real endpoints."""

from rest_framework import viewsets

from canting.training.models import Certificate, Enrolment, Programme, TrainingSession


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Programme.objects.none()


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = TrainingSession.objects.none()


class EnrolmentViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Enrolment.objects.none()


class CertificateViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Certificate.objects.none()
