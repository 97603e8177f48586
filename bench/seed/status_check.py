# -*- coding: utf8 -*-
# The website status check of the article this project grew from ("通过Serverless架构实现监控告警能力",
# on monitoring with Alibaba Cloud Function Compute and Tencent Cloud SCF): its first script,
# the handler a timer trigger calls. Copied as it is but for two changes, so that
# bench/function-cold.sh can run it on loopback: the URL comes from STATUS_URL (the article
# has its own site), and the mail goes to SMTP_HOST:SMTP_PORT without a login (the article
# logs in to smtp.exmail.qq.com:465). The bench's site is up, so no mail is sent.

import os

import ssl

import json

import smtplib

import urllib.request

from email.mime.text import MIMEText

from email.header import Header


# as in the article; the bench's target is plain HTTP, so this changes nothing there
ssl._create_default_https_context = ssl._create_unverified_context


def sendEmail(content, to_user):
    sender = 'service@anycodes.cn'
    receivers = [to_user]

    mail_msg = content
    message = MIMEText(mail_msg, 'html', 'utf-8')
    message['From'] = Header("网站监控", 'utf-8')
    message['To'] = Header("站长", 'utf-8')

    subject = "网站监控告警"
    message['Subject'] = Header(subject, 'utf-8')

    try:
        smtpObj = smtplib.SMTP_SSL(os.environ.get("SMTP_HOST", "127.0.0.1"), int(os.environ.get("SMTP_PORT", "465")))
        smtpObj.sendmail(sender, receivers, message.as_string())
    except smtplib.SMTPException as e:
        print(e)


def getStatusCode(url):
    return urllib.request.urlopen(url).getcode()


def handler(event, context):
    url = os.environ.get("STATUS_URL", "http://www.anycodes.cn")
    if getStatusCode(url) == 200:
        print("您的网站%s可以访问!" % (url))
    else:
        sendEmail("您的网站%s 不可以访问!" % (url), "接受人邮箱地址")
    return None
