package io.bactrian.channel.aliyunsms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;

import io.bactrian.channel.PercentEncoding;
import org.junit.jupiter.api.Test;

/** V7, V8, V9, V10 (RPC v1.0, HMAC-SHA1) and V11 (V3, ACS3-HMAC-SHA256). */
class AliyunSignersTest {

    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    @Test
    void v7SendSms() {
        Map<String, String> p = params("AccessKeyId", "testId", "Action", "SendSms", "Format", "XML", "OutId", "123",
                "PhoneNumbers", "15300000001", "RegionId", "cn-hangzhou", "SignName", "阿里云短信测试专用",
                "SignatureMethod", "HMAC-SHA1", "SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466",
                "SignatureVersion", "1.0", "TemplateCode", "SMS_71390007", "TemplateParam", "{\"customer\":\"test\"}",
                "Timestamp", "2017-07-12T02:42:19Z", "Version", "2017-05-25");
        assertEquals("AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001"
                + "&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95"
                + "%E4%B8%93%E7%94%A8&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466"
                + "&SignatureVersion=1.0&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D"
                + "&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25", AliyunRpcSigner.canonicalQuery(p));
        assertEquals("GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers"
                + "%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA"
                + "%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8"
                + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466"
                + "%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522customer"
                + "%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25",
                AliyunRpcSigner.stringToSign("GET", p));
        String signature = new AliyunRpcSigner("testSecret").sign("GET", p);
        assertEquals("zJDF+Lrzhj/ThnlvIToysFRq6t4=", signature);
        assertEquals("zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D", PercentEncoding.encode(signature));
    }

    private static Map<String, String> describeRegions(String timestampName) {
        return params("AccessKeyId", "testid", "Action", "DescribeRegions", "Format", "XML",
                "SignatureMethod", "HMAC-SHA1", "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
                "SignatureVersion", "1.0", timestampName, "2016-02-23T12:46:24Z", "Version", "2014-05-26");
    }

    @Test
    void v8DescribeRegions() {
        Map<String, String> p = describeRegions("Timestamp");
        assertEquals("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod"
                + "%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
                + "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
                AliyunRpcSigner.stringToSign("GET", p));
        assertEquals("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", new AliyunRpcSigner("testsecret").sign("GET", p));
    }

    @Test
    void v9OldSpellingTimeStamp() {
        assertEquals("CT9X0VtwR86fNWSnsc6v8YGOjuE=",
                new AliyunRpcSigner("testsecret").sign("GET", describeRegions("TimeStamp")));
    }

    @Test
    void v10DescribeDedicatedHosts() {
        Map<String, String> p = params("AccessKeyId", "testid", "Action", "DescribeDedicatedHosts", "Format", "JSON",
                "RegionId", "cn-beijing", "SignatureMethod", "HMAC-SHA1",
                "SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb", "SignatureVersion", "1.0",
                "Timestamp", "2023-03-13T08:34:30Z", "Version", "2014-05-26");
        assertEquals("9NaGiOspFP5UPcwX8Iwt2YJXXuk=", new AliyunRpcSigner("testsecret").sign("GET", p));
    }

    @Test
    void v11Acs3RunInstances() {
        AliyunV3Signer.Signature s = new AliyunV3Signer("YourAccessKeyId", "YourAccessKeySecret").sign("POST",
                params("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", "RegionId", "cn-shanghai"),
                params("host", "ecs.cn-shanghai.aliyuncs.com", "x-acs-action", "RunInstances",
                        "x-acs-date", "2023-10-26T10:22:32Z", "x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d",
                        "x-acs-version", "2014-05-26"),
                "");
        assertEquals("""
                POST
                /
                ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai
                host:ecs.cn-shanghai.aliyuncs.com
                x-acs-action:RunInstances
                x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-acs-date:2023-10-26T10:22:32Z
                x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d
                x-acs-version:2014-05-26

                host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", s.canonicalRequest());
        assertEquals("ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
                s.stringToSign());
        assertEquals("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0", s.signature());
        assertEquals("ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;"
                + "x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
                + "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0", s.authorization());
    }

    @Test
    void secretsNotInToString() {
        assertFalse(new AliyunRpcSigner("testSecret").toString().contains("testSecret"));
        assertFalse(new AliyunV3Signer("id", "YourAccessKeySecret").toString().contains("YourAccessKeySecret"));
    }
}
